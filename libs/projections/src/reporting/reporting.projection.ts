import { MetricDefinition, fiscalMonthOf, fiscalYearOf } from '@ledger/domain';
import { StoredEvent } from '@ledger/event-store';
import { QueryRunner } from 'typeorm';
import { Projection, codeVersionOf } from '../engine/projection';
import { ProjectionVersionStatus } from '../engine/projection-version.entity';
import { CopyValue, canCopyRows, copyRows } from '../engine/copy-rows';
import { buildPartitions } from '../engine/build-partitions';
import { execute } from '../engine/sql-execute';
import { MEMBER_OF } from './metric-distinct-member.entity';
import { FactForMetrics, MetricDeltas, metricsByEventType, parseKey } from './metric-contributions';
import { ReportingBuildCompletion } from './reporting-build-completion';
import { ReportingEvents } from './reporting-events';

export const REPORTING_PROJECTION = 'reporting';

/** Bump when the tables or the way rows are derived change; definitions are fingerprinted. */
const SCHEMA_VERSION = 4;

/** The tables partitioned by build. */
const PARTITIONED = ['activity_facts', 'metric_distinct_members'];

/** The columns a fact has before it is corrected, as `appendFacts` copies them. */
const FACT_COLUMNS = [
  'projection_version',
  'event_id',
  'position',
  'type',
  'stream_id',
  'occurred_on',
  'fiscal_year',
  'month',
  'municipality_code',
  'body_id',
  'recorded_at',
  'recorded_by',
  'data',
  'supersedes_event_id',
];

/** `FACT_COLUMNS` and a fact's first correction, as an active build's batch copies them. */
const CORRECTED_FACT_COLUMNS = [
  ...FACT_COLUMNS,
  'corrected_by_event_id',
  'correction_kind',
  'corrected_at_position',
  'corrected_recorded_at',
];

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
  /** Each of `metricFields` as the start of a JSON member, `"field":`. */
  private readonly metricFieldKeys: readonly string[];

  private readonly completion: ReportingBuildCompletion;
  private readonly calendar = new CalendarCache();

  constructor(
    metrics: readonly MetricDefinition[],
    private readonly events: ReportingEvents<Plan>,
  ) {
    this.metricsByType = metricsByEventType(metrics);
    this.completion = new ReportingBuildCompletion(metrics);
    this.metricFields = [
      ...new Set(
        metrics.flatMap((m) => [
          ...Object.keys(m.filter ?? {}),
          ...('field' in m.aggregate ? [m.aggregate.field] : []),
        ]),
      ),
    ].sort();
    this.metricFieldKeys = this.metricFields.map((field) => `${JSON.stringify(field)}:`);
    this.codeVersion = codeVersionOf(SCHEMA_VERSION, metrics);
  }

  /**
   * A build's facts and members get partitions of their own; an active build's are indexed
   * from the start.
   */
  async createVersion(
    version: string,
    status: ProjectionVersionStatus,
    tx: QueryRunner,
  ): Promise<void> {
    await buildPartitions.create(PARTITIONED, version, status, tx);
    if (status === 'active') await this.indexPartitions(version, tx);
  }

  /**
   * An active build keeps every row current per batch. A building one, read by no one,
   * only appends its facts and corrections, the facts to an unindexed partition; `completeVersion`
   * then marks the corrected facts, indexes them and aggregates the counters in a few
   * set-based statements, which costs far less than keeping them current batch by batch.
   */
  async apply(
    events: readonly StoredEvent[],
    tx: QueryRunner,
    version: string,
    status: ProjectionVersionStatus,
  ): Promise<void> {
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
          ...this.calendar.of(activity.occurredOn),
          municipalityCode: activity.municipalityCode,
          bodyId: activity.bodyId,
          recordedAt: event.recordedAt,
          recordedBy:
            typeof event.metadata.recordedBy === 'string' ? event.metadata.recordedBy : null,
          data: activity.data,
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

    if (status === 'building') {
      await this.appendFacts(facts, corrections, tx, version);
    } else {
      const deltas = new MetricDeltas(this.metricsByType);
      if (facts.length > 0 || corrections.length > 0) {
        await this.applyFacts(facts, corrections, deltas, tx, version);
      }
      await this.writeMetricDeltas(deltas, tx, version);
    }
    if (planEvents.length > 0) await this.applyPlan(planEvents, tx, version);
  }

  /**
   * Completes a build loaded by `appendFacts`: each fact gets its first correction, the
   * partition its indexes, and the counters and distinct members are aggregated from the
   * live facts by the same rules `MetricDeltas` applies batch by batch.
   */
  async completeVersion(version: string, tx: QueryRunner): Promise<void> {
    await this.completion.complete(version, tx);
    await this.indexPartitions(version, tx);
    await buildPartitions.complete(PARTITIONED, version, tx);
  }

  async dropVersion(version: string, runner: QueryRunner): Promise<void> {
    await buildPartitions.drop(PARTITIONED, version, runner);
    // Builds made before these tables were partitioned by build share one partition.
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

  /** Facts as `FACT_COLUMNS`, made one by one as the COPY takes them. */
  private *copyRowsOf(facts: readonly FactRow[], version: string): Generator<CopyValue[]> {
    for (const f of facts) yield this.copyRowOf(f, version);
  }

  /** Facts as `CORRECTED_FACT_COLUMNS`. */
  private *correctedCopyRowsOf(facts: readonly FactRow[], version: string): Generator<CopyValue[]> {
    for (const f of facts) {
      const c = f.correction;
      yield [
        ...this.copyRowOf(f, version),
        c?.by ?? null,
        c?.kind ?? null,
        c?.position ?? null,
        c?.recordedAt.toISOString() ?? null,
      ];
    }
  }

  private copyRowOf(f: FactRow, version: string): CopyValue[] {
    return [
      version,
      f.eventId,
      f.position,
      f.type,
      f.streamId,
      f.occurredOn,
      f.fiscalYear,
      f.month,
      f.municipalityCode,
      f.bodyId,
      f.recordedAt.toISOString(),
      f.recordedBy,
      this.storedData(f.data),
      f.supersedes,
    ];
  }

  /**
   * The JSON a fact keeps of its data: the fields some metric filters or aggregates on, in
   * a fixed order; written out directly, as this runs for every fact of a rebuild.
   */
  private storedData(data: Readonly<Record<string, unknown>>): string {
    let json = '';
    for (let i = 0; i < this.metricFields.length; i += 1) {
      const value = data[this.metricFields[i]];
      if (value === undefined) continue;
      json += `${json === '' ? '{' : ','}${this.metricFieldKeys[i]}${JSON.stringify(value)}`;
    }
    return json === '' ? '{}' : `${json}}`;
  }

  private async indexPartitions(version: string, tx: QueryRunner): Promise<void> {
    // Keys leave out projection_version, the same on every row of a partition.
    const facts = buildPartitions.of('activity_facts', version);
    await tx.query(`ALTER TABLE ${facts} ADD PRIMARY KEY (event_id)`);
    await tx.query(`CREATE INDEX ${facts}_by_year_type ON ${facts} (fiscal_year, type)`);
    await tx.query(
      `ALTER TABLE ${buildPartitions.of('metric_distinct_members', version)} ADD PRIMARY KEY
         (metric_id, fiscal_year, municipality_code, month, member)`,
    );
  }

  /**
   * A building build's batch: facts as read, corrections the first time their target is
   * named (an earlier batch's correction wins, by the primary key).
   */
  private async appendFacts(
    facts: FactRow[],
    corrections: Correction[],
    tx: QueryRunner,
    version: string,
  ): Promise<void> {
    if (facts.length > 0 && (await canCopyRows(tx))) {
      await copyRows(
        tx,
        buildPartitions.of('activity_facts', version),
        FACT_COLUMNS,
        this.copyRowsOf(facts, version),
      );
    } else if (facts.length > 0) {
      await this.insertFacts(facts, tx, version);
    }
    const first = new Map<string, Correction>();
    for (const correction of corrections) {
      if (!first.has(correction.target)) first.set(correction.target, correction);
    }
    if (first.size === 0) return;
    await tx.query(
      `INSERT INTO activity_corrections
         (projection_version, target_event_id, corrected_by_event_id, kind, position, recorded_at)
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::bigint[], $6::timestamptz[])
       ON CONFLICT (projection_version, target_event_id) DO NOTHING`,
      correctionColumns(version, [...first.values()]),
    );
  }

  private async insertFacts(facts: FactRow[], tx: QueryRunner, version: string): Promise<void> {
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
        facts.map((f) => this.storedData(f.data)),
        facts.map((f) => f.supersedes),
        facts.map((f) => f.correction?.by ?? null),
        facts.map((f) => f.correction?.kind ?? null),
        facts.map((f) => f.correction?.position ?? null),
        facts.map((f) => f.correction?.recordedAt ?? null),
      ],
    );
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

    // COPY costs PostgreSQL and Node less than unnest parameters even for a live batch.
    if (facts.length > 0 && (await canCopyRows(tx))) {
      await copyRows(
        tx,
        'activity_facts',
        CORRECTED_FACT_COLUMNS,
        this.correctedCopyRowsOf(facts, version),
      );
    } else if (facts.length > 0) {
      await this.insertFacts(facts, tx, version);
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

  /**
   * One statement for the batch's members and counters: each grain's counter moves by its
   * own deltas and by the members whose count of live facts crossed zero, so the members'
   * changes never travel to Node and back.
   */
  private async writeMetricDeltas(
    deltas: MetricDeltas,
    tx: QueryRunner,
    version: string,
  ): Promise<void> {
    if (deltas.members.size === 0 && deltas.counters.size === 0) return;
    const members = [...deltas.members];
    const memberKeys = members.map(([memberKey]) => parseKey(memberKey));
    const counters = [...deltas.counters];
    const counterKeys = counters.map(([counterKey]) => parseKey(counterKey));
    // Members arrive as JSON and are named by MEMBER_OF.
    await tx.query(
      `WITH delta AS (
         SELECT u.metric_id, u.fiscal_year, u.municipality_code, u.month,
                ${MEMBER_OF('u.member::jsonb')} AS member, sum(u.delta)::int AS delta
           FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[])
             AS u(metric_id, fiscal_year, municipality_code, month, member, delta)
          GROUP BY 1, 2, 3, 4, 5
       ), upserted AS (
         INSERT INTO ${buildPartitions.of('metric_distinct_members', version)} AS m
           (projection_version, metric_id, fiscal_year, municipality_code, month, member, refcount)
         SELECT $1, * FROM delta
         ON CONFLICT (metric_id, fiscal_year, municipality_code, month, member)
         DO UPDATE SET refcount = m.refcount + excluded.refcount
         RETURNING m.metric_id, m.fiscal_year, m.municipality_code, m.month, m.member, m.refcount
       ), change AS (
         SELECT u.metric_id, u.fiscal_year, u.municipality_code, u.month,
                CASE WHEN u.refcount - d.delta <= 0 AND u.refcount > 0 THEN 1
                     WHEN u.refcount - d.delta > 0 AND u.refcount <= 0 THEN -1
                     ELSE 0 END::numeric AS value
           FROM upserted u
           JOIN delta d USING (metric_id, fiscal_year, municipality_code, month, member)
         UNION ALL
         SELECT * FROM unnest($8::text[], $9::int[], $10::text[], $11::text[], $12::numeric[])
       )
       INSERT INTO metric_counters AS c
         (projection_version, metric_id, fiscal_year, municipality_code, month, value)
       SELECT $1, metric_id, fiscal_year, municipality_code, month, sum(value) FROM change
        GROUP BY metric_id, fiscal_year, municipality_code, month
       HAVING sum(value) <> 0
       ON CONFLICT (projection_version, metric_id, fiscal_year, municipality_code, month)
       DO UPDATE SET value = c.value + excluded.value`,
      [
        version,
        memberKeys.map((k) => k.metricId),
        memberKeys.map((k) => k.fiscalYear),
        memberKeys.map((k) => k.municipalityCode),
        memberKeys.map((k) => k.month),
        memberKeys.map((k) => k.member),
        members.map(([, delta]) => delta),
        counterKeys.map((k) => k.metricId),
        counterKeys.map((k) => k.fiscalYear),
        counterKeys.map((k) => k.municipalityCode),
        counterKeys.map((k) => k.month),
        counters.map(([, delta]) => delta),
      ],
    );
  }

  /**
   * Appends the state after each plan event at that event's position: plan events are
   * rare, and an as-of answer cut between two of them needs the state between them.
   */
  private async applyPlan(
    planEvents: StoredEvent[],
    tx: QueryRunner,
    version: string,
  ): Promise<void> {
    const { rows } = await execute<{ plan: Plan }>(
      tx,
      `SELECT plan FROM plan_snapshots WHERE projection_version = $1
        ORDER BY position DESC LIMIT 1`,
      [version],
    );
    let plan = rows[0]?.plan ?? this.events.emptyPlan();
    const states: string[] = [];
    for (const event of planEvents) {
      plan = this.events.evolvePlan(plan, event);
      states.push(JSON.stringify(plan));
    }
    await tx.query(
      `INSERT INTO plan_snapshots (projection_version, position, plan)
       SELECT $1, position, plan FROM unnest($2::bigint[], $3::jsonb[]) AS s(position, plan)`,
      [version, planEvents.map((event) => event.position), states],
    );
  }
}

/**
 * Fiscal year and month by date, parsed once per date rather than once per fact; dates are
 * few (days of the years recorded), and the cache starts over if they ever are not.
 */
class CalendarCache {
  private readonly byDate = new Map<string, { fiscalYear: number; month: string }>();

  of(date: string): { fiscalYear: number; month: string } {
    let entry = this.byDate.get(date);
    if (!entry) {
      if (this.byDate.size >= 100_000) this.byDate.clear();
      entry = { fiscalYear: fiscalYearOf(date), month: fiscalMonthOf(date) };
      this.byDate.set(date, entry);
    }
    return entry;
  }
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
