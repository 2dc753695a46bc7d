import { MetricDefinition, fiscalMonthOf, fiscalYearOf } from '@ledger/domain';
import { StoredEvent } from '@ledger/event-store';
import { QueryRunner } from 'typeorm';
import { Projection } from '../engine/projection';
import { execute } from '../engine/sql-execute';
import {
  FactForMetrics,
  MetricDeltas,
  counterKeyOf,
  key,
  metricsByEventType,
  parseKey,
} from './metric-contributions';
import { ReportingEvents } from './reporting-events';

export const REPORTING_PROJECTION = 'reporting';

/** Bump when the tables or the way rows are derived change; definitions are fingerprinted. */
const SCHEMA_VERSION = 1;

interface FactRow extends FactForMetrics {
  eventId: string;
  position: number;
  streamId: string;
  occurredOn: string;
  bodyId: string | null;
  recordedAt: Date;
  recordedBy: string | null;
  supersedes: string | null;
  correction: Correction | undefined;
}

interface Correction {
  target: string;
  by: string;
  kind: 'retracted' | 'superseded';
  position: number;
  recordedAt: Date;
}

interface StoredFactRow {
  event_id: string;
  type: string;
  fiscal_year: number;
  month: string;
  municipality_code: string | null;
  data: Record<string, unknown>;
}

/**
 * Activity facts (bitemporal), per-metric counters and the plan, from one pass over the
 * store. Each batch costs a few set-based statements whatever its size: the deltas are
 * summed in memory first. A correction subtracts exactly what the corrected fact had
 * added; only the first correction of a fact counts.
 */
export class ReportingProjection<Plan> implements Projection {
  readonly name = REPORTING_PROJECTION;
  readonly codeVersion: string;
  private readonly metricsByType: ReadonlyMap<string, readonly MetricDefinition[]>;
  /** The data fields any metric filters or aggregates on: all a fact needs to keep. */
  private readonly metricFields: readonly string[];

  constructor(
    metrics: readonly MetricDefinition[],
    private readonly events: ReportingEvents<Plan>,
  ) {
    this.metricsByType = metricsByEventType(metrics);
    this.metricFields = [
      ...new Set(
        metrics.flatMap((m) => [
          ...Object.keys(m.filter ?? {}),
          ...('field' in m.aggregate ? [m.aggregate.field] : []),
        ]),
      ),
    ].sort();
    this.codeVersion = `${SCHEMA_VERSION}.${fingerprint(JSON.stringify(metrics))}`;
  }

  async apply(events: readonly StoredEvent[], tx: QueryRunner, version: string): Promise<void> {
    const facts: FactRow[] = [];
    const corrections: Correction[] = [];
    const planEvents: StoredEvent[] = [];
    for (const event of events) {
      const activity = this.events.activity(event);
      if (activity) {
        facts.push({
          eventId: event.id,
          position: event.position,
          streamId: event.streamId,
          type: event.type,
          occurredOn: activity.occurredOn,
          fiscalYear: fiscalYearOf(activity.occurredOn),
          month: fiscalMonthOf(activity.occurredOn),
          municipalityCode: activity.municipalityCode,
          bodyId: activity.bodyId,
          recordedAt: event.recordedAt,
          recordedBy:
            typeof event.metadata.recordedBy === 'string' ? event.metadata.recordedBy : null,
          data: pick(activity.data, this.metricFields),
          supersedes: activity.supersedes,
          correction: undefined,
        });
        if (activity.supersedes)
          corrections.push(correctionOf(event, activity.supersedes, 'superseded'));
        continue;
      }
      const retracted = this.events.retractedEventId(event);
      if (retracted) corrections.push(correctionOf(event, retracted, 'retracted'));
      else if (this.events.isPlanEvent(event)) planEvents.push(event);
    }

    const deltas = new MetricDeltas(this.metricsByType);
    if (facts.length > 0 || corrections.length > 0) {
      await this.applyFacts(facts, corrections, deltas, tx, version);
    }
    await this.writeMetricDeltas(deltas, tx, version);
    if (planEvents.length > 0) await this.applyPlan(planEvents, tx, version);
  }

  async dropVersion(version: string, runner: QueryRunner): Promise<void> {
    for (const table of [
      'activity_facts',
      'activity_corrections',
      'metric_counters',
      'metric_distinct_members',
      'plan_snapshots',
    ]) {
      await runner.query(`DELETE FROM ${table} WHERE projection_version = $1`, [version]);
    }
  }

  private async applyFacts(
    facts: FactRow[],
    corrections: Correction[],
    deltas: MetricDeltas,
    tx: QueryRunner,
    version: string,
  ): Promise<void> {
    // Corrections already recorded: of the facts arriving now (a correction read before
    // its target) and of the targets named now (a correction arriving twice).
    const ids = [...facts.map((fact) => fact.eventId), ...corrections.map((c) => c.target)];
    const { rows: known } = await execute<{
      target_event_id: string;
      corrected_by_event_id: string;
      kind: Correction['kind'];
      position: string;
      recorded_at: Date;
    }>(
      tx,
      `SELECT target_event_id, corrected_by_event_id, kind, position, recorded_at
         FROM activity_corrections WHERE projection_version = $1 AND target_event_id = ANY($2::uuid[])`,
      [version, ids],
    );
    const corrected = new Map<string, Correction>(
      known.map((row) => [
        row.target_event_id,
        {
          target: row.target_event_id,
          by: row.corrected_by_event_id,
          kind: row.kind,
          position: Number(row.position),
          recordedAt: row.recorded_at,
        },
      ]),
    );
    const targets = corrections.map((c) => c.target).filter((target) => !corrected.has(target));
    const stored = new Map<string, StoredFactRow>();
    if (targets.length > 0) {
      const { rows } = await execute<StoredFactRow>(
        tx,
        `SELECT event_id, type, fiscal_year, month, municipality_code, data FROM activity_facts
          WHERE projection_version = $1 AND event_id = ANY($2::uuid[])`,
        [version, targets],
      );
      for (const row of rows) stored.set(row.event_id, row);
    }

    // Walk the batch in global order, so a fact and its correction in one batch net out.
    const newCorrections: Correction[] = [];
    const storedCorrected: Correction[] = [];
    const batchFacts = new Map(facts.map((fact) => [fact.eventId, fact]));
    const ordered = [
      ...facts.map((fact) => ({ position: fact.position, fact, correction: undefined })),
      ...corrections.map((correction) => ({
        position: correction.position,
        fact: undefined,
        correction,
      })),
    ].sort((a, b) => a.position - b.position || (a.fact ? -1 : 1));
    for (const item of ordered) {
      if (item.fact) {
        const earlier = corrected.get(item.fact.eventId);
        if (earlier) item.fact.correction = earlier;
        else deltas.add(item.fact, 1);
        continue;
      }
      const correction = item.correction as Correction;
      if (corrected.has(correction.target)) continue;
      corrected.set(correction.target, correction);
      newCorrections.push(correction);
      const inBatch = batchFacts.get(correction.target);
      if (inBatch && inBatch.position < correction.position) {
        inBatch.correction = correction;
        deltas.add(inBatch, -1);
        continue;
      }
      const before = stored.get(correction.target);
      if (before) {
        storedCorrected.push(correction);
        deltas.add(
          {
            type: before.type,
            fiscalYear: before.fiscal_year,
            month: before.month,
            municipalityCode: before.municipality_code,
            data: before.data,
          },
          -1,
        );
      }
    }

    if (facts.length > 0) {
      await tx.query(
        `INSERT INTO activity_facts (projection_version, event_id, position, type, stream_id,
           occurred_on, fiscal_year, month, municipality_code, body_id, recorded_at, recorded_by,
           data, supersedes_event_id, corrected_by_event_id, correction_kind,
           corrected_at_position, corrected_recorded_at)
         SELECT $1, * FROM unnest($2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::date[],
           $7::int[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::text[],
           $13::jsonb[], $14::uuid[], $15::uuid[], $16::text[], $17::bigint[], $18::timestamptz[])`,
        [
          version,
          facts.map((f) => f.eventId),
          facts.map((f) => f.position),
          facts.map((f) => f.type),
          facts.map((f) => f.streamId),
          facts.map((f) => f.occurredOn),
          facts.map((f) => f.fiscalYear),
          facts.map((f) => f.month),
          facts.map((f) => f.municipalityCode),
          facts.map((f) => f.bodyId),
          facts.map((f) => f.recordedAt),
          facts.map((f) => f.recordedBy),
          facts.map((f) => JSON.stringify(f.data)),
          facts.map((f) => f.supersedes),
          facts.map((f) => f.correction?.by ?? null),
          facts.map((f) => f.correction?.kind ?? null),
          facts.map((f) => f.correction?.position ?? null),
          facts.map((f) => f.correction?.recordedAt ?? null),
        ],
      );
    }
    if (newCorrections.length > 0) {
      await tx.query(
        `INSERT INTO activity_corrections
           (projection_version, target_event_id, corrected_by_event_id, kind, position, recorded_at)
         SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::bigint[], $6::timestamptz[])`,
        correctionColumns(version, newCorrections),
      );
    }
    if (storedCorrected.length > 0) {
      await tx.query(
        `UPDATE activity_facts f
            SET corrected_by_event_id = c.by, correction_kind = c.kind,
                corrected_at_position = c.position, corrected_recorded_at = c.recorded_at
           FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::bigint[], $6::timestamptz[])
                AS c(target, by, kind, position, recorded_at)
          WHERE f.projection_version = $1 AND f.event_id = c.target`,
        correctionColumns(version, storedCorrected),
      );
    }
  }

  private async writeMetricDeltas(
    deltas: MetricDeltas,
    tx: QueryRunner,
    version: string,
  ): Promise<void> {
    if (deltas.members.size > 0) {
      const entries = [...deltas.members];
      const keys = entries.map(([memberKey]) => parseKey(memberKey));
      const { rows } = await execute<{
        metric_id: string;
        fiscal_year: number;
        municipality_code: string;
        month: string;
        member: string;
        refcount: number;
      }>(
        tx,
        `INSERT INTO metric_distinct_members AS m
           (projection_version, metric_id, fiscal_year, municipality_code, month, member, refcount)
         SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[])
         ON CONFLICT (projection_version, metric_id, fiscal_year, municipality_code, month, member)
         DO UPDATE SET refcount = m.refcount + excluded.refcount
         RETURNING m.metric_id, m.fiscal_year, m.municipality_code, m.month, m.member, m.refcount`,
        [
          version,
          keys.map((k) => k.metricId),
          keys.map((k) => k.fiscalYear),
          keys.map((k) => k.municipalityCode),
          keys.map((k) => k.month),
          keys.map((k) => k.member),
          entries.map(([, delta]) => delta),
        ],
      );
      for (const row of rows) {
        const memberKey = key(
          row.metric_id,
          row.fiscal_year,
          [row.municipality_code, row.month],
          row.member,
        );
        const delta = deltas.members.get(memberKey) ?? 0;
        const before = row.refcount - delta;
        if (before <= 0 && row.refcount > 0) deltas.addToCounter(counterKeyOf(memberKey), 1);
        if (before > 0 && row.refcount <= 0) deltas.addToCounter(counterKeyOf(memberKey), -1);
      }
    }
    if (deltas.counters.size === 0) return;
    const entries = [...deltas.counters];
    const keys = entries.map(([counterKey]) => parseKey(counterKey));
    await tx.query(
      `INSERT INTO metric_counters AS c
         (projection_version, metric_id, fiscal_year, municipality_code, month, value)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::numeric[])
       ON CONFLICT (projection_version, metric_id, fiscal_year, municipality_code, month)
       DO UPDATE SET value = c.value + excluded.value`,
      [
        version,
        keys.map((k) => k.metricId),
        keys.map((k) => k.fiscalYear),
        keys.map((k) => k.municipalityCode),
        keys.map((k) => k.month),
        entries.map(([, delta]) => delta),
      ],
    );
  }

  private async applyPlan(
    planEvents: StoredEvent[],
    tx: QueryRunner,
    version: string,
  ): Promise<void> {
    const { rows } = await execute<{ plan: Plan }>(
      tx,
      'SELECT plan FROM plan_snapshots WHERE projection_version = $1',
      [version],
    );
    const plan = planEvents.reduce(
      (state, event) => this.events.evolvePlan(state, event),
      rows[0]?.plan ?? this.events.emptyPlan(),
    );
    await tx.query(
      `INSERT INTO plan_snapshots (projection_version, plan, position) VALUES ($1, $2, $3)
       ON CONFLICT (projection_version) DO UPDATE SET plan = excluded.plan, position = excluded.position`,
      [version, JSON.stringify(plan), planEvents[planEvents.length - 1].position],
    );
  }
}

function pick(
  data: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const field of fields) if (data[field] !== undefined) kept[field] = data[field];
  return kept;
}

function correctionOf(event: StoredEvent, target: string, kind: Correction['kind']): Correction {
  return {
    target: target.toLowerCase(),
    by: event.id,
    kind,
    position: event.position,
    recordedAt: event.recordedAt,
  };
}

function correctionColumns(version: string, corrections: Correction[]): unknown[] {
  return [
    version,
    corrections.map((c) => c.target),
    corrections.map((c) => c.by),
    corrections.map((c) => c.kind),
    corrections.map((c) => c.position),
    corrections.map((c) => c.recordedAt),
  ];
}

/** FNV-1a, hex: a new metric definition gives a new code version, hence a rebuild. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
