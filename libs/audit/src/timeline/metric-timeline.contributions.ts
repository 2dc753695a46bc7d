import { MetricDefinition, fiscalYearOf } from '@ledger/domain';

/** What one activity adds to one metric's whole-year figure (as a fact row keeps it). */
export interface Contribution {
  m: string;
  fy: number;
  /** Count-distinct: the member, as canonical JSON so 1 and "1" stay apart. */
  k?: string;
  /** Count and sum: the amount. */
  a?: number;
}

/** A contribution and its metric's place in the catalogue (from 1), which orders a fact's. */
export interface NumberedContribution {
  ordinal: number;
  contribution: Contribution;
}

interface NumberedMetric {
  ordinal: number;
  metric: MetricDefinition;
}

/**
 * Which metrics an activity moves and by how much, for the live fold and a new build's
 * staging alike, so both start from the very same contributions.
 */
export class TimelineContributions {
  private readonly byType = new Map<string, NumberedMetric[]>();
  private readonly fiscalYears = new Map<string, number>();

  constructor(readonly metrics: readonly MetricDefinition[]) {
    metrics.forEach((metric, i) => {
      for (const type of metric.eventTypes) {
        const list = this.byType.get(type) ?? [];
        list.push({ ordinal: i + 1, metric });
        this.byType.set(type, list);
      }
    });
  }

  of(type: string, occurredOn: string, data: Readonly<Record<string, unknown>>): NumberedContribution[] {
    const candidates = this.byType.get(type);
    if (!candidates) return [];
    const fy = this.fiscalYearOf(occurredOn);
    const contributions: NumberedContribution[] = [];
    for (const { ordinal, metric } of candidates) {
      if (metric.filter && !Object.entries(metric.filter).every(([field, value]) => data[field] === value)) continue;
      const spec = metric.aggregate;
      if (spec.kind === 'count') contributions.push({ ordinal, contribution: { m: metric.id, fy, a: 1 } });
      else if (spec.kind === 'sum') {
        const amount = data[spec.field];
        if (typeof amount === 'number' && amount !== 0) contributions.push({ ordinal, contribution: { m: metric.id, fy, a: amount } });
      } else if (data[spec.field] !== undefined) {
        contributions.push({ ordinal, contribution: { m: metric.id, fy, k: JSON.stringify(data[spec.field]) } });
      }
    }
    return contributions;
  }

  /** Dates are few (days of the years recorded); the cache starts over if they ever are not. */
  private fiscalYearOf(date: string): number {
    let fy = this.fiscalYears.get(date);
    if (fy === undefined) {
      if (this.fiscalYears.size >= 100_000) this.fiscalYears.clear();
      fy = fiscalYearOf(date);
      this.fiscalYears.set(date, fy);
    }
    return fy;
  }
}
