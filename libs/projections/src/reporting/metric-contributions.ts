import { MetricDefinition } from '@ledger/domain';
import { ALL } from './metric-counter.entity';

/** What the metric projection needs to know of one activity fact. */
export interface FactForMetrics {
  type: string;
  fiscalYear: number;
  month: string;
  municipalityCode: string | null;
  data: Readonly<Record<string, unknown>>;
}

/**
 * Deltas accumulated over a batch, keyed by grain, so each batch writes each counter and
 * each member row once (an upsert may not touch the same row twice in one statement).
 */
export class MetricDeltas {
  readonly counters = new Map<string, number>();
  readonly members = new Map<string, number>();

  constructor(private readonly metricsByType: ReadonlyMap<string, readonly MetricDefinition[]>) {}

  /** Adds (sign 1) or removes (sign -1) everything `fact` contributes to every metric. */
  add(fact: FactForMetrics, sign: 1 | -1): void {
    for (const metric of this.metricsByType.get(fact.type) ?? []) {
      if (!matches(metric, fact.data)) continue;
      const grains = grainsOf(fact);
      const aggregate = metric.aggregate;
      if (aggregate.kind === 'countDistinct') {
        const member = fact.data[aggregate.field];
        // As the reference evaluator does: only an absent field names no member.
        if (member === undefined) continue;
        // As JSON: PostgreSQL names the member from it (see the reporting projection).
        const json = JSON.stringify(member);
        for (const grain of grains) {
          bump(this.members, key(metric.id, fact.fiscalYear, grain, json), sign);
        }
        continue;
      }
      const field = aggregate.kind === 'sum' ? fact.data[aggregate.field] : 1;
      const amount = typeof field === 'number' && Number.isFinite(field) ? field : 0;
      if (amount === 0) continue;
      for (const grain of grains) {
        bump(this.counters, key(metric.id, fact.fiscalYear, grain), sign * amount);
      }
    }
  }
}

export interface GrainKey {
  metricId: string;
  fiscalYear: number;
  municipalityCode: string;
  month: string;
  member?: string;
}

const SEPARATOR = '\u0001';

export function key(
  metricId: string,
  fiscalYear: number,
  grain: readonly [string, string],
  member?: string,
): string {
  const parts = [metricId, String(fiscalYear), grain[0], grain[1]];
  if (member !== undefined) parts.push(member);
  return parts.join(SEPARATOR);
}

export function parseKey(value: string): GrainKey {
  const [metricId, fiscalYear, municipalityCode, month, member] = value.split(SEPARATOR);
  return { metricId, fiscalYear: Number(fiscalYear), municipalityCode, month, member };
}

function grainsOf(fact: FactForMetrics): ReadonlyArray<readonly [string, string]> {
  return [
    [ALL, ALL],
    [fact.municipalityCode ?? '', ALL],
    [ALL, fact.month],
  ];
}

function matches(metric: MetricDefinition, data: Readonly<Record<string, unknown>>): boolean {
  if (!metric.filter) return true;
  return Object.entries(metric.filter).every(([field, expected]) => data[field] === expected);
}

function bump(map: Map<string, number>, at: string, delta: number): void {
  const next = (map.get(at) ?? 0) + delta;
  if (next === 0) map.delete(at);
  else map.set(at, next);
}

/** Metrics by the event types they read, so each fact is matched only against its own. */
export function metricsByEventType(
  metrics: readonly MetricDefinition[],
): Map<string, MetricDefinition[]> {
  const byType = new Map<string, MetricDefinition[]>();
  for (const metric of metrics) {
    for (const type of metric.eventTypes) byType.set(type, [...(byType.get(type) ?? []), metric]);
  }
  return byType;
}
