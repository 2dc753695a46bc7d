import { AsOf } from './as-of';

/**
 * The WHERE clause selecting the activity facts alive at a cut (alias `f`), and its
 * parameters from `$first` on: in the prefix, not corrected within it, occurred by then.
 */
export function liveFactsAt(
  cut: AsOf,
  throughPosition: number,
  first: number,
): { where: string; parameters: unknown[] } {
  const p = (offset: number) => `$${first + offset}`;
  return {
    where: `f.position <= ${p(0)} AND (f.corrected_at_position IS NULL OR f.corrected_at_position > ${p(0)})
      AND f.occurred_on <= ${p(1)}::date`,
    parameters: [throughPosition, cut.occurredBy ?? '9999-12-31'],
  };
}
