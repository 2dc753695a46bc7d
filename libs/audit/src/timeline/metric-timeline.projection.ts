import { MetricDefinition } from '@ledger/domain';
import { StoredEvent } from '@ledger/event-store';
import {
  Projection,
  codeVersionOf,
  ProjectionVersionStatus,
  canCopyRows,
  copyRows,
  domainReportingEvents,
} from '@ledger/projections';
import { QueryRunner } from 'typeorm';
import { completeTimelineBuild } from './metric-timeline.completion';
import { Contribution, TimelineContributions } from './metric-timeline.contributions';
import { LoggedDrop, LoggedFact, timelineFactLog } from './metric-timeline.fact-log';
import { timelinePartitionOf, timelinePartitions } from './metric-timeline.partitions';

export const METRIC_TIMELINE_PROJECTION = 'audit-metric-timeline';

/** Bump when the tables or the way rows are derived change; definitions are fingerprinted. */
const SCHEMA_VERSION = 3;

type Step = ({ kind: 'fact' } & LoggedFact) | ({ kind: 'drop' } & LoggedDrop);

/** A value row in the making: the value after the event, and before it (to net the event). */
interface TimelineEntry {
  metricId: string;
  fiscalYear: number;
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
 * Every build logs the facts as read (`timelineFactLog`). An active build folds each batch
 * into the values at once; a build no one reads yet (`building`) only logs, and
 * `completeVersion` folds the whole log set-based by the same rules, into the same rows.
 */
export class MetricTimelineProjection implements Projection {
  readonly name = METRIC_TIMELINE_PROJECTION;
  readonly codeVersion: string;
  private readonly contributions: TimelineContributions;

  constructor(private readonly metrics: readonly MetricDefinition[]) {
    this.codeVersion = codeVersionOf(SCHEMA_VERSION, metrics);
    this.contributions = new TimelineContributions(metrics);
  }

  async createVersion(
    version: string,
    status: ProjectionVersionStatus,
    tx: QueryRunner,
  ): Promise<void> {
    await timelinePartitions.create(version, status, tx);
  }

  async apply(
    events: readonly StoredEvent[],
    tx: QueryRunner,
    version: string,
    status: ProjectionVersionStatus,
  ): Promise<void> {
    const steps = this.stepsOf(events);
    if (steps.length > 0) {
      // The fold reads what the log held before this batch, so it runs before the append.
      if (status === 'active') await this.fold(steps, tx, version);
      const facts = steps.filter((step): step is Step & { kind: 'fact' } => step.kind === 'fact');
      const drops = steps.filter((step): step is Step & { kind: 'drop' } => step.kind === 'drop');
      await timelineFactLog.append(facts, drops, tx, version);
    }
    await this.advanceClock(events, tx, version);
  }

  async completeVersion(version: string, tx: QueryRunner): Promise<void> {
    await completeTimelineBuild(this.metrics, version, tx);
    await timelinePartitions.complete(version, tx);
  }

  async dropVersion(version: string, runner: QueryRunner): Promise<void> {
    await timelinePartitions.drop(version, runner);
    // Builds made before the timeline was partitioned by build share the legacy partitions,
    // and audit_timeline_facts kept their facts.
    for (const table of [
      'audit_timeline_facts',
      'audit_timeline_members',
      'audit_timeline_values',
      'audit_timeline_clock',
    ]) {
      await runner.query(`DELETE FROM ${table} WHERE projection_version = $1`, [version]);
    }
  }

  /** Facts that contribute nothing are left out: they could change no value, now or when dropped. */
  private stepsOf(events: readonly StoredEvent[]): Step[] {
    const steps: Step[] = [];
    for (const event of events) {
      const activity = domainReportingEvents.activity(event);
      if (activity) {
        const contributions = this.contributions.of(event.type, activity.occurredOn, activity.data);
        if (contributions.length > 0)
          steps.push({
            kind: 'fact',
            position: event.position,
            eventId: event.id.toLowerCase(),
            contributions,
          });
        if (activity.supersedes)
          steps.push({
            kind: 'drop',
            position: event.position,
            target: activity.supersedes.toLowerCase(),
          });
        continue;
      }
      const retracted = domainReportingEvents.retractedEventId(event);
      if (retracted)
        steps.push({ kind: 'drop', position: event.position, target: retracted.toLowerCase() });
    }
    return steps;
  }

  private async fold(steps: Step[], tx: QueryRunner, version: string): Promise<void> {
    const ids = [
      ...new Set(steps.map((step) => (step.kind === 'fact' ? step.eventId : step.target))),
    ];
    const targets = [
      ...new Set(steps.flatMap((step) => (step.kind === 'drop' ? [step.target] : []))),
    ];
    // A fact logged and not dropped has counted: it arrived before anything dropped it.
    const { dropped, contributions } = await timelineFactLog.state(ids, targets, tx, version);

    // Everything the batch may touch: the contributions arriving and those being dropped.
    const touched: Contribution[] = [];
    for (const step of steps) {
      if (step.kind === 'fact') touched.push(...step.contributions);
      else touched.push(...(contributions.get(step.target) ?? []));
    }
    const values = await this.loadValues(touched, tx, version);
    const members = await this.loadMembers(touched, tx, version);

    const timeline = new Map<string, TimelineEntry>();
    const apply = (contribution: Contribution, sign: 1 | -1, position: number): void => {
      const metricId = this.contributions.metricIdOf(contribution.ordinal);
      const valueKey = `${metricId}\u0001${contribution.fiscalYear}`;
      const before = values.get(valueKey) ?? 0;
      let after = before;
      if (contribution.member !== undefined) {
        const memberKey = `${valueKey}\u0001${contribution.member}`;
        const count = members.get(memberKey) ?? 0;
        members.set(memberKey, count + sign);
        if (count === 0 && sign === 1) after = before + 1;
        if (count === 1 && sign === -1) after = before - 1;
      } else {
        after = before + sign * (contribution.amount ?? 0);
      }
      if (after === before) return;
      values.set(valueKey, after);
      // One event may move a value and move it back (an activity superseding one that
      // counted the same): a row holds the value after the event, so it nets the event.
      const entryKey = `${valueKey}\u0001${position}`;
      const entry = timeline.get(entryKey);
      if (entry) entry.value = after;
      else
        timeline.set(entryKey, {
          metricId,
          fiscalYear: contribution.fiscalYear,
          position,
          before,
          value: after,
        });
    };

    for (const step of steps) {
      if (step.kind === 'fact') {
        if (dropped.has(step.eventId)) continue;
        contributions.set(step.eventId, step.contributions);
        for (const contribution of step.contributions) apply(contribution, 1, step.position);
        continue;
      }
      if (dropped.has(step.target)) continue;
      dropped.add(step.target);
      for (const contribution of contributions.get(step.target) ?? [])
        apply(contribution, -1, step.position);
    }

    await this.writeMembers(members, tx, version);
    await this.writeValues(
      [...timeline.values()].filter((entry) => entry.value !== entry.before),
      tx,
      version,
    );
  }

  private async loadValues(
    touched: Contribution[],
    tx: QueryRunner,
    version: string,
  ): Promise<Map<string, number>> {
    const keys = uniqueBy(touched, (c) => `${c.ordinal}\u0001${c.fiscalYear}`);
    const values = new Map<string, number>();
    if (keys.length === 0) return values;
    for (const row of await rows<{ metric_id: string; fiscal_year: number; value: string }>(
      tx,
      `SELECT k.metric_id, k.fiscal_year, v.value
         FROM unnest($2::text[], $3::int[]) AS k(metric_id, fiscal_year)
         CROSS JOIN LATERAL (
           SELECT value FROM ${timelinePartitionOf('audit_timeline_values', version)} t
            WHERE t.projection_version = $1 AND t.metric_id = k.metric_id AND t.fiscal_year = k.fiscal_year
            ORDER BY t.position DESC LIMIT 1) v`,
      [
        version,
        keys.map((c) => this.contributions.metricIdOf(c.ordinal)),
        keys.map((c) => c.fiscalYear),
      ],
    )) {
      values.set(`${row.metric_id}\u0001${row.fiscal_year}`, Number(row.value));
    }
    return values;
  }

  private async loadMembers(
    touched: Contribution[],
    tx: QueryRunner,
    version: string,
  ): Promise<Map<string, number>> {
    const keys = uniqueBy(
      touched.filter((c) => c.member !== undefined),
      (c) => `${c.ordinal}\u0001${c.fiscalYear}\u0001${c.member}`,
    );
    const members = new Map<string, number>();
    if (keys.length === 0) return members;
    for (const row of await rows<{
      metric_id: string;
      fiscal_year: number;
      member: string;
      refcount: number;
    }>(
      tx,
      `SELECT m.metric_id, m.fiscal_year, m.member, m.refcount
         FROM unnest($1::text[], $2::int[], $3::text[]) AS k(metric_id, fiscal_year, member)
         JOIN ${timelinePartitionOf('audit_timeline_members', version)} m
           ON m.metric_id = k.metric_id AND m.fiscal_year = k.fiscal_year AND m.member = k.member`,
      [
        keys.map((c) => this.contributions.metricIdOf(c.ordinal)),
        keys.map((c) => c.fiscalYear),
        keys.map((c) => c.member),
      ],
    )) {
      members.set(`${row.metric_id}\u0001${row.fiscal_year}\u0001${row.member}`, row.refcount);
    }
    return members;
  }

  private async writeMembers(
    members: Map<string, number>,
    tx: QueryRunner,
    version: string,
  ): Promise<void> {
    if (members.size === 0) return;
    const entries = [...members].map(
      ([key, refcount]) => [...key.split('\u0001'), refcount] as [string, string, string, number],
    );
    await tx.query(
      `INSERT INTO ${timelinePartitionOf('audit_timeline_members', version)} (projection_version, metric_id, fiscal_year, member, refcount)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::int[])
       ON CONFLICT (metric_id, fiscal_year, member) DO UPDATE SET refcount = excluded.refcount`,
      [
        version,
        entries.map((e) => e[0]),
        entries.map((e) => Number(e[1])),
        entries.map((e) => e[2]),
        entries.map((e) => e[3]),
      ],
    );
  }

  /** COPY where the database takes it; PGlite has no COPY from a client, so there `unnest`. */
  private async writeValues(
    timeline: readonly TimelineEntry[],
    tx: QueryRunner,
    version: string,
  ): Promise<void> {
    if (timeline.length === 0) return;
    if (await canCopyRows(tx)) {
      await copyRows(
        tx,
        timelinePartitionOf('audit_timeline_values', version),
        ['projection_version', 'metric_id', 'fiscal_year', 'position', 'value'],
        timeline.map((e) => [version, e.metricId, e.fiscalYear, e.position, e.value]),
      );
      return;
    }
    await tx.query(
      `INSERT INTO ${timelinePartitionOf('audit_timeline_values', version)} (projection_version, metric_id, fiscal_year, position, value)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::bigint[], $5::numeric[])`,
      [
        version,
        timeline.map((e) => e.metricId),
        timeline.map((e) => e.fiscalYear),
        timeline.map((e) => e.position),
        timeline.map((e) => e.value),
      ],
    );
  }

  /** Runs of events whose running maximum recording time is the same become one row. */
  private async advanceClock(
    events: readonly StoredEvent[],
    tx: QueryRunner,
    version: string,
  ): Promise<void> {
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
