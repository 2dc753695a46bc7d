/** Nest token for the metric definitions the read side reports (the domain's `METRICS`). */
export const REPORTING_METRICS = Symbol('REPORTING_METRICS');
