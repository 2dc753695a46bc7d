import { MetricDefinition, definitionOf, isActivityType } from '@ledger/domain';
import { BreakdownRow } from '@ledger/projections';

/** Person-level counts from 1 to THRESHOLD − 1 in one municipality are hidden from analysts. */
export const SMALL_COUNT_THRESHOLD = 3;

export const SMALL_COUNT_RULE =
  `Analysts: in a breakdown by municipality, a person-level metric (it counts records about ` +
  `supported people, or distinct people) with a value from 1 to ${SMALL_COUNT_THRESHOLD - 1} in a ` +
  `municipality is shown as null with suppressed: true ("<${SMALL_COUNT_THRESHOLD}" in CSV). When ` +
  `only one cell of a metric is hidden, its next smallest cell is hidden as well, so the ` +
  `prefecture total minus the shown cells does not give it away. Auditors and admins see exact figures.`;

export interface SuppressibleRow extends Omit<BreakdownRow, 'value'> {
  value: number | null;
  suppressed: boolean;
}

/**
 * Whether a metric describes supported people: every event type it counts is a record
 * about one person (the activity carries a `personId`), and it counts those records or
 * distinct people rather than, say, distinct work-experience bases.
 */
export function isPersonLevel(metric: MetricDefinition): boolean {
  const aboutPeople = metric.eventTypes.every(
    (type) => isActivityType(type) && Object.hasOwn(definitionOf(type).fields, 'personId'),
  );
  const { aggregate } = metric;
  return (
    aboutPeople &&
    (aggregate.kind === 'count' ||
      (aggregate.kind === 'countDistinct' && aggregate.field === 'personId'))
  );
}

/** Applies `SMALL_COUNT_RULE` to the rows of a breakdown by municipality. */
export function suppressSmallCounts(
  rows: readonly BreakdownRow[],
  metrics: readonly MetricDefinition[],
): SuppressibleRow[] {
  const personLevel = new Set(metrics.filter(isPersonLevel).map((metric) => metric.id));
  const small = (row: BreakdownRow): boolean =>
    personLevel.has(row.metricId) &&
    row.key !== '' &&
    row.value > 0 &&
    row.value < SMALL_COUNT_THRESHOLD;
  const hidden = new Set(rows.filter(small));
  for (const metricId of personLevel) {
    const ofMetric = rows.filter((row) => row.metricId === metricId);
    if (ofMetric.filter((row) => hidden.has(row)).length !== 1) continue;
    const complement = ofMetric
      .filter((row) => !hidden.has(row))
      .sort((a, b) => a.value - b.value || a.key.localeCompare(b.key))[0];
    if (complement) hidden.add(complement);
  }
  return rows.map((row) =>
    hidden.has(row) ? { ...row, value: null, suppressed: true } : { ...row, suppressed: false },
  );
}
