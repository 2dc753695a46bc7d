import { MetricDefinition, fiscalYearOf } from '@ledger/domain';

/** What one activity adds to one metric's whole-year figure. */
export interface Contribution {
  /** The metric's place in the catalogue (from 1), which also orders a fact's contributions. */
  ordinal: number;
  fiscalYear: number;
  /** Count-distinct: the member, as canonical JSON so 1 and "1" stay apart. */
  member?: string;
  /** Count and sum: the amount. */
  amount?: number;
}

interface NumberedMetric {
  ordinal: number;
  metric: MetricDefinition;
}

/**
 * Which metrics an activity moves and by how much: what the fact log keeps of an activity,
 * the same whether a build is folded live or completed set-based.
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

  metricIdOf(ordinal: number): string {
    return this.metrics[ordinal - 1].id;
  }

  of(type: string, occurredOn: string, data: Readonly<Record<string, unknown>>): Contribution[] {
    const candidates = this.byType.get(type);
    if (!candidates) return [];
    const fiscalYear = this.fiscalYearOf(occurredOn);
    const contributions: Contribution[] = [];
    for (const { ordinal, metric } of candidates) {
      if (
        metric.filter &&
        !Object.entries(metric.filter).every(([field, value]) => data[field] === value)
      )
        continue;
      const spec = metric.aggregate;
      if (spec.kind === 'count') contributions.push({ ordinal, fiscalYear, amount: 1 });
      else if (spec.kind === 'sum') {
        const amount = data[spec.field];
        if (typeof amount === 'number' && amount !== 0)
          contributions.push({ ordinal, fiscalYear, amount });
      } else if (data[spec.field] !== undefined) {
        contributions.push({ ordinal, fiscalYear, member: JSON.stringify(data[spec.field]) });
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
