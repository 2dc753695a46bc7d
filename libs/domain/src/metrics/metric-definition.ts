/**
 * A metric is declared once, as data: which activity events it counts, which of them,
 * and how. Projections and the in-memory replay both evaluate these declarations, so a
 * new metric is a definition plus a rebuild, never a new code path.
 */

/** Equality conditions on fields of an event's `data`; all must hold. */
export type MetricFilter = Readonly<Record<string, string | number | boolean>>;

export type MetricAggregate =
  | { readonly kind: 'count' }
  | { readonly kind: 'sum'; readonly field: string }
  | { readonly kind: 'countDistinct'; readonly field: string };

export interface MetricDefinition {
  /** Stable id, kebab-case, e.g. `outreach-home-visits`. */
  readonly id: string;
  /** Measure the metric reports under, e.g. `3a` for ③ア. */
  readonly measureId: string;
  /** Japanese label as the prefecture's report words it. */
  readonly label: string;
  readonly eventTypes: readonly string[];
  readonly filter?: MetricFilter;
  readonly aggregate: MetricAggregate;
  /** Unit for display, e.g. 件, 人, 団体. */
  readonly unit: string;
}
