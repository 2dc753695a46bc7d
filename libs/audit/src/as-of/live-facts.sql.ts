import { AsOf } from './as-of';

/**
 * The WHERE clause selecting the activity facts alive at a cut (alias `f`), and its
 * parameters from `$first` on: recorded by then, not corrected by then, occurred by then.
 */
export function liveFactsAt(
  cut: AsOf,
  throughPosition: number,
  first: number,
): { where: string; parameters: unknown[] } {
  const p = (offset: number) => `$${first + offset}`;
  return {
    where: `f.position <= ${p(0)} AND f.recorded_at <= ${p(1)}
      AND NOT (f.corrected_at_position IS NOT NULL AND f.corrected_at_position <= ${p(0)} AND f.corrected_recorded_at <= ${p(1)})
      AND f.occurred_on <= ${p(2)}::date`,
    parameters: [throughPosition, cut.knownAt ?? FAR_FUTURE, cut.occurredBy ?? '9999-12-31'],
  };
}

const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');
