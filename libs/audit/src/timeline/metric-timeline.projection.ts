import { MetricDefinition } from '@ledger/domain';
import { StoredEvent } from '@ledger/event-store';
import { Projection, ProjectionVersionStatus, canCopyRows, copyRows, domainReportingEvents } from '@ledger/projections';
import { QueryRunner } from 'typeorm';
import { completeTimelineBuild } from './metric-timeline.completion';
import { Contribution, TimelineContributions } from './metric-timeline.contributions';
import { StagedDrop, StagedFact, appendStaged, createStagedPartitions, dropStagedPartitions } from './metric-timeline.staging';

export const METRIC_TIMELINE_PROJECTION = 'audit-metric-timeline';

/** Bump when the tables or the way rows are derived change; definitions are fingerprinted. */
const SCHEMA_VERSION = 2;

interface FactState {
  contributions: Contribution[];
  dropped: boolean;
}

type Step =
  | { kind: 'fact'; position: number; eventId: string; contributions: Contribution[] }
  | { kind: 'drop'; position: number; target: string };

/** A value row in the making: the value after the event, and before it (to net the event). */
interface TimelineEntry {
  m: string;
  fy: number;
  position: number;
  before: number;
  value: number;
}

/**
 * Every metric's whole-year value after each event that changed it, folded in global
 * order by the same rules as the domain's reference evaluator: a retraction or a
 * supersession drops its target for good, even when it arrives before the target; a
 * distinct count moves only when a member's count of live activities crosses zero. Beside
 * it, the store's clock: for each instant, the longest prefix of the global order whose
 * events were all recorded by then. "Known at T" is that prefix, so the answer, the trail
 * and the replay all cut the store in exactly the same place.
 *
 * A build no one reads yet (`building`) only appends each batch's contributions and
 * corrections; `completeVersion` folds them set-based by the same rules, into the same rows.
 */
export class MetricTimelineProjection implements Projection {
  readonly name = METRIC_TIMELINE_PROJECTION;
  readonly codeVersion: string;

  private readonly contributions: TimelineContributions;

  constructor(private readonly metrics: readonly MetricDefinition[]) {
    this.codeVersion = `${SCHEMA_VERSION}.${fingerprint(JSON.stringify(metrics))}`;
    this.contributions = new TimelineContributions(metrics);
  }

  async createVersion(version: string, status: ProjectionVersionStatus, tx: QueryRunner): Promise<void> {
    if (status === 'building') await createStagedPartitions(version, tx);
  }

  async apply(events: readonly StoredEvent[], tx: QueryRunner, version: string, status: ProjectionVersionStatus): Promise<void> {
    if (status === 'building') await this.stage(events, tx, version);
    else {
      const steps = this.stepsOf(events);
      if (steps.length > 0) await this.applySteps(steps, tx, version);
    }
    await this.advanceClock(events, tx, version);
  }

  async completeVersion(version: string, tx: QueryRunner): Promise<void> {
    await completeTimelineBuild(this.metrics, version, tx);
    await dropStagedPartitions(version, tx);
  }

  async dropVersion(version: string, runner: QueryRunner): Promise<void> {
    await dropStagedPartitions(version, runner);
    for (const table of ['audit_timeline_facts', 'audit_timeline_members', 'audit_timeline_values', 'audit_timeline_clock']) {
      await runner.query(`DELETE FROM ${table} WHERE projection_version = $1`, [version]);
    }
  }

  /** A building build's batch, as `completeTimelineBuild` will fold it. */
  private async stage(events: readonly StoredEvent[], tx: QueryRunner, version: string): Promise<void> {
    const facts: StagedFact[] = [];
    const drops: StagedDrop[] = [];
    for (const event of events) {
      const activity = domainReportingEvents.activity(event);
      if (activity) {
        const contributions = this.contributions.of(event.type, activity.occurredOn, activity.data);
        // A fact that adds nothing leaves no row behind on the live path either.
        if (contributions.length > 0) facts.push({ position: event.position, eventId: event.id.toLowerCase(), contributions });
        if (activity.supersedes) drops.push({ position: event.position, target: activity.supersedes.toLowerCase() });
        continue;
      }
      const retracted = domainReportingEvents.retractedEventId(event);
      if (retracted) drops.push({ position: event.position, target: retracted.toLowerCase() });
    }
    if (facts.length > 0 || drops.length > 0) await appendStaged(facts, drops, tx, version);
  }

  private stepsOf(events: readonly StoredEvent[]): Step[] {
    const steps: Step[] = [];
    for (const event of events) {
      const activity = domainReportingEvents.activity(event);
      if (activity) {
        const contributions = this.contributions.of(event.type, activity.occurredOn, activity.data).map((c) => c.contribution);
        steps.push({ kind: 'fact', position: event.position, eventId: event.id.toLowerCase(), contributions });
        if (activity.supersedes) steps.push({ kind: 'drop', position: event.position, target: activity.supersedes.toLowerCase() });
        continue;
      }
      const retracted = domainReportingEvents.retractedEventId(event);
      if (retracted) steps.push({ kind: 'drop', position: event.position, target: retracted.toLowerCase() });
    }
    return steps;
  }

  private async applySteps(steps: Step[], tx: QueryRunner, version: string): Promise<void> {
    const ids = [...new Set(steps.map((step) => (step.kind === 'fact' ? step.eventId : step.target)))];
    const facts = new Map<string, FactState>();
    for (const row of await rows<{ event_id: string; contributions: Contribution[]; dropped: boolean }>(
      tx,
      'SELECT event_id, contributions, dropped FROM audit_timeline_facts WHERE projection_version = $1 AND event_id = ANY($2::uuid[])',
      [version, ids],
    )) {
      facts.set(row.event_id, { contributions: row.contributions, dropped: row.dropped });
    }
    // The rows already stored must be updated; all others can be bulk-loaded.
    const storedFacts = new Set(facts.keys());

    // Everything the batch may touch: the contributions arriving and those being dropped.
    const touched: Contribution[] = [];
    for (const step of steps) {
      if (step.kind === 'fact') touched.push(...step.contributions);
      else touched.push(...(facts.get(step.target)?.contributions ?? []));
    }
    const values = await this.loadValues(touched, tx, version);
    const members = await this.loadMembers(touched, tx, version);

    const changedFacts = new Map<string, FactState>();
    const timeline = new Map<string, TimelineEntry>();
    const apply = (contribution: Contribution, sign: 1 | -1, position: number): void => {
      const valueKey = `${contribution.m}\u0001${contribution.fy}`;
      const before = values.get(valueKey) ?? 0;
      let after = before;
      if (contribution.k !== undefined) {
        const memberKey = `${valueKey}\u0001${contribution.k}`;
        const count = members.get(memberKey) ?? 0;
        members.set(memberKey, count + sign);
        if (count === 0 && sign === 1) after = before + 1;
        if (count === 1 && sign === -1) after = before - 1;
      } else {
        after = before + sign * (contribution.a ?? 0);
      }
      if (after === before) return;
      values.set(valueKey, after);
      // One event may move a value and move it back (an activity superseding one that
      // counted the same): a row holds the value after the event, so it nets the event.
      const entryKey = `${valueKey}\u0001${position}`;
      const entry = timeline.get(entryKey);
      if (entry) entry.value = after;
      else timeline.set(entryKey, { m: contribution.m, fy: contribution.fy, position, before, value: after });
    };

    for (const step of steps) {
      if (step.kind === 'fact') {
        if (facts.get(step.eventId)?.dropped) continue;
        const state = { contributions: step.contributions, dropped: false };
        facts.set(step.eventId, state);
        if (step.contributions.length > 0) changedFacts.set(step.eventId, state);
        for (const contribution of step.contributions) apply(contribution, 1, step.position);
        continue;
      }
      const target = facts.get(step.target);
      if (target?.dropped) continue;
      const dropped = { contributions: target?.contributions ?? [], dropped: true };
      facts.set(step.target, dropped);
      changedFacts.set(step.target, dropped);
      for (const contribution of target?.contributions ?? []) apply(contribution, -1, step.position);
    }

    const changedValues = [...timeline.values()].filter((entry) => entry.value !== entry.before);
    await this.write(changedFacts, storedFacts, members, changedValues, tx, version);
  }

  private async loadValues(touched: Contribution[], tx: QueryRunner, version: string): Promise<Map<string, number>> {
    const keys = uniqueBy(touched, (c) => `${c.m}\u0001${c.fy}`);
    const values = new Map<string, number>();
    if (keys.length === 0) return values;
    for (const row of await rows<{ metric_id: string; fiscal_year: number; value: string }>(
      tx,
      `SELECT k.metric_id, k.fiscal_year, v.value
         FROM unnest($2::text[], $3::int[]) AS k(metric_id, fiscal_year)
         CROSS JOIN LATERAL (
           SELECT value FROM audit_timeline_values t
            WHERE t.projection_version = $1 AND t.metric_id = k.metric_id AND t.fiscal_year = k.fiscal_year
            ORDER BY t.position DESC LIMIT 1) v`,
      [version, keys.map((c) => c.m), keys.map((c) => c.fy)],
    )) {
      values.set(`${row.metric_id}\u0001${row.fiscal_year}`, Number(row.value));
    }
    return values;
  }

  private async loadMembers(touched: Contribution[], tx: QueryRunner, version: string): Promise<Map<string, number>> {
    const keys = uniqueBy(
      touched.filter((c) => c.k !== undefined),
      (c) => `${c.m}\u0001${c.fy}\u0001${c.k}`,
    );
    const members = new Map<string, number>();
    if (keys.length === 0) return members;
    for (const row of await rows<{ metric_id: string; fiscal_year: number; member: string; refcount: number }>(
      tx,
      `SELECT m.metric_id, m.fiscal_year, m.member, m.refcount
         FROM unnest($2::text[], $3::int[], $4::text[]) AS k(metric_id, fiscal_year, member)
         JOIN audit_timeline_members m
           ON m.projection_version = $1 AND m.metric_id = k.metric_id AND m.fiscal_year = k.fiscal_year AND m.member = k.member`,
      [version, keys.map((c) => c.m), keys.map((c) => c.fy), keys.map((c) => c.k)],
    )) {
      members.set(`${row.metric_id}\u0001${row.fiscal_year}\u0001${row.member}`, row.refcount);
    }
    return members;
  }

  private async write(
    facts: Map<string, FactState>,
    storedFacts: ReadonlySet<string>,
    members: Map<string, number>,
    timeline: readonly TimelineEntry[],
    tx: QueryRunner,
    version: string,
  ): Promise<void> {
    // COPY takes the plain inserts (a rebuild's bulk) several times faster than unnest
    // parameters; PGlite has no COPY from a client, so there everything goes as before.
    const copy = await canCopyRows(tx);
    const upserted = copy ? [...facts].filter(([id]) => storedFacts.has(id)) : [...facts];
    if (copy && upserted.length < facts.size) {
      await copyRows(
        tx,
        'audit_timeline_facts',
        ['projection_version', 'event_id', 'contributions', 'dropped'],
        (function* () {
          for (const [id, state] of facts) {
            if (!storedFacts.has(id)) {
              yield [version, id, JSON.stringify(state.contributions), state.dropped ? 't' : 'f'];
            }
          }
        })(),
      );
    }
    if (upserted.length > 0) {
      await tx.query(
        `INSERT INTO audit_timeline_facts (projection_version, event_id, contributions, dropped)
         SELECT $1, * FROM unnest($2::uuid[], $3::jsonb[], $4::boolean[])
         ON CONFLICT (projection_version, event_id) DO UPDATE SET contributions = excluded.contributions, dropped = excluded.dropped`,
        [version, upserted.map(([id]) => id), upserted.map(([, s]) => JSON.stringify(s.contributions)), upserted.map(([, s]) => s.dropped)],
      );
    }
    if (members.size > 0) {
      const entries = [...members].map(([key, refcount]) => [...key.split('\u0001'), refcount] as [string, string, string, number]);
      await tx.query(
        `INSERT INTO audit_timeline_members (projection_version, metric_id, fiscal_year, member, refcount)
         SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::int[])
         ON CONFLICT (projection_version, metric_id, fiscal_year, member) DO UPDATE SET refcount = excluded.refcount`,
        [version, entries.map((e) => e[0]), entries.map((e) => Number(e[1])), entries.map((e) => e[2]), entries.map((e) => e[3])],
      );
    }
    if (timeline.length > 0 && copy) {
      await copyRows(
        tx,
        'audit_timeline_values',
        ['projection_version', 'metric_id', 'fiscal_year', 'position', 'value'],
        (function* () {
          for (const e of timeline) yield [version, e.m, e.fy, e.position, e.value];
        })(),
      );
    } else if (timeline.length > 0) {
      const entries = timeline;
      await tx.query(
        `INSERT INTO audit_timeline_values (projection_version, metric_id, fiscal_year, position, value)
         SELECT $1, * FROM unnest($2::text[], $3::int[], $4::bigint[], $5::numeric[])`,
        [version, entries.map((e) => e.m), entries.map((e) => e.fy), entries.map((e) => e.position), entries.map((e) => e.value)],
      );
    }
  }

  /** Runs of events whose running maximum recording time is the same become one row. */
  private async advanceClock(events: readonly StoredEvent[], tx: QueryRunner, version: string): Promise<void> {
    const [last] = await rows<{ recorded_max: Date }>(
      tx,
      'SELECT recorded_max FROM audit_timeline_clock WHERE projection_version = $1 ORDER BY recorded_max DESC LIMIT 1',
      [version],
    );
    let max = last?.recorded_max.getTime() ?? Number.NEGATIVE_INFINITY;
    const runs = new Map<number, number>();
    for (const event of events) {
      max = Math.max(max, event.recordedAt.getTime());
      runs.set(max, event.position);
    }
    const entries = [...runs];
    await tx.query(
      `INSERT INTO audit_timeline_clock (projection_version, recorded_max, through_position)
       SELECT $1, * FROM unnest($2::timestamptz[], $3::bigint[])
       ON CONFLICT (projection_version, recorded_max) DO UPDATE SET through_position = excluded.through_position`,
      [version, entries.map(([at]) => new Date(at)), entries.map(([, position]) => position)],
    );
  }
}

async function rows<Row>(tx: QueryRunner, sql: string, parameters: unknown[]): Promise<Row[]> {
  const result = await tx.query(sql, parameters, true);
  return (result.records ?? []) as Row[];
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

/** FNV-1a, hex: a new metric definition gives a new code version, hence a rebuild. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
