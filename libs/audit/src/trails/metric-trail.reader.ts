import { MetricDefinition, todayInJapan } from '@ledger/domain';
import { EventStore } from '@ledger/event-store';
import { AppliedCut, AsOf } from '../as-of/as-of';
import { AsOfFiguresReader, appliedCut } from '../as-of/as-of-figures.reader';
import { resolveCut } from '../as-of/as-of-cut';
import { fiscalYearCloseAt } from '../close/fiscal-year-closes';
import { SqlRunner } from '../persistence/audit-database';

export interface TrailCorrection {
  kind: 'retracted' | 'superseded';
  byEventId: string;
  position: number;
  recordedAt: string;
}

export interface TrailEntry {
  eventId: string;
  position: number;
  streamId: string;
  type: string;
  occurredOn: string;
  recordedAt: string;
  recordedBy: string | null;
  bodyId: string | null;
  municipalityCode: string | null;
  /** Whether the event counts at the cut: recorded, occurred by then and not corrected. */
  counts: boolean;
  /** The event this one supersedes, if any. */
  supersedes: string | null;
  /** Its retraction or supersession, as known at the cut. */
  correction: TrailCorrection | null;
  /** Recorded, or corrected, after the fiscal year's close: a post-close adjustment. */
  postClose: boolean;
}

export interface MetricTrail {
  metricId: string;
  label: string;
  fiscalYear: number;
  cut: AppliedCut;
  value: number;
  entries: TrailEntry[];
}

export interface FigureHistoryDay {
  /** The day in Japan on which events were recorded. */
  date: string;
  value: number;
  change: number;
  events: number;
}

export interface FigureHistory {
  metricId: string;
  label: string;
  fiscalYear: number;
  cut: AppliedCut;
  days: FigureHistoryDay[];
}

interface TrailRow {
  event_id: string;
  position: string;
  stream_id: string;
  type: string;
  occurred_on: string;
  recorded_at: Date;
  recorded_by: string | null;
  body_id: string | null;
  municipality_code: string | null;
  data: Record<string, unknown>;
  supersedes_event_id: string | null;
  corrected_by_event_id: string | null;
  correction_kind: 'retracted' | 'superseded' | null;
  corrected_at_position: string | null;
  corrected_recorded_at: Date | null;
}

/**
 * Which events make up a figure, and how the figure grew: both from the reporting
 * projection's facts of the metric's event types and filter in the fiscal year.
 */
export class MetricTrailReader {
  constructor(
    private readonly database: SqlRunner,
    private readonly eventStore: EventStore,
    private readonly reader: AsOfFiguresReader,
  ) {}

  async trail(metricId: string, fiscalYear: number, asOf: AsOf): Promise<MetricTrail> {
    const metric = this.reader.metric(metricId);
    const cut = await resolveCut(this.database, asOf);
    const { throughPosition } = cut;
    const [rows, answer, close] = await Promise.all([
      this.facts(metric, fiscalYear, throughPosition, cut.reporting.version),
      this.reader.figures(fiscalYear, asOf, [metricId], cut),
      fiscalYearCloseAt(this.eventStore, fiscalYear, asOf),
    ]);
    const closedAt = close?.hashCheckpoint.position ?? Number.POSITIVE_INFINITY;
    const entries = rows.map((row): TrailEntry => {
      const correctionKnown =
        row.corrected_at_position !== null && Number(row.corrected_at_position) <= throughPosition;
      const correction = correctionKnown
        ? {
            kind: row.correction_kind as TrailCorrection['kind'],
            byEventId: row.corrected_by_event_id as string,
            position: Number(row.corrected_at_position),
            recordedAt: (row.corrected_recorded_at as Date).toISOString(),
          }
        : null;
      const occurred = asOf.occurredBy === undefined || row.occurred_on <= asOf.occurredBy;
      return {
        eventId: row.event_id,
        position: Number(row.position),
        streamId: row.stream_id,
        type: row.type,
        occurredOn: row.occurred_on,
        recordedAt: row.recorded_at.toISOString(),
        recordedBy: row.recorded_by,
        bodyId: row.body_id,
        municipalityCode: row.municipality_code,
        counts: occurred && correction === null,
        supersedes: row.supersedes_event_id,
        correction,
        postClose:
          Number(row.position) > closedAt ||
          (correction !== null && correction.position > closedAt),
      };
    });
    return {
      metricId,
      label: metric.label,
      fiscalYear,
      cut: appliedCut(asOf, throughPosition),
      value: answer.figures[0].value,
      entries,
    };
  }

  /**
   * The figure at the end of each day (Japan time) on which something that moves it was
   * recorded: a counted event, or the correction of one. Folded in memory from one read
   * of the metric's facts, so distinct counts follow their members exactly.
   */
  async history(metricId: string, fiscalYear: number, asOf: AsOf): Promise<FigureHistory> {
    const metric = this.reader.metric(metricId);
    const { throughPosition, reporting } = await resolveCut(this.database, asOf);
    const rows = await this.facts(metric, fiscalYear, throughPosition, reporting.version);
    const changes: { at: number; position: number; sign: 1 | -1; row: TrailRow }[] = [];
    for (const row of rows) {
      if (asOf.occurredBy !== undefined && row.occurred_on > asOf.occurredBy) continue;
      changes.push({ at: row.recorded_at.getTime(), position: Number(row.position), sign: 1, row });
      const corrected = row.corrected_recorded_at;
      if (corrected && Number(row.corrected_at_position) <= throughPosition) {
        changes.push({
          at: corrected.getTime(),
          position: Number(row.corrected_at_position),
          sign: -1,
          row,
        });
      }
    }
    changes.sort((a, b) => a.position - b.position || b.sign - a.sign);
    const figure = new RunningFigure(metric);
    const days: FigureHistoryDay[] = [];
    for (const change of changes) {
      const date = todayInJapan(new Date(change.at));
      const before = figure.value;
      figure.apply(change.row.data, change.sign);
      const last = days[days.length - 1];
      if (last && last.date === date) {
        last.value = figure.value;
        last.change += figure.value - before;
        last.events += 1;
      } else {
        days.push({ date, value: figure.value, change: figure.value - before, events: 1 });
      }
    }
    return {
      metricId,
      label: metric.label,
      fiscalYear,
      cut: appliedCut(asOf, throughPosition),
      days,
    };
  }

  private async facts(
    metric: MetricDefinition,
    fiscalYear: number,
    throughPosition: number,
    version: string,
  ): Promise<TrailRow[]> {
    return this.database.query<TrailRow>(
      `SELECT event_id, position, stream_id, type, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, recorded_at,
              recorded_by, body_id, municipality_code, data, supersedes_event_id, corrected_by_event_id,
              correction_kind, corrected_at_position, corrected_recorded_at
         FROM activity_facts f
        WHERE f.projection_version = $1 AND f.fiscal_year = $2 AND f.type = ANY($3::text[])
          AND f.data @> $4::jsonb AND f.position <= $5
        ORDER BY f.position`,
      [
        version,
        fiscalYear,
        metric.eventTypes,
        JSON.stringify(metric.filter ?? {}),
        throughPosition,
      ],
    );
  }
}

/** A metric's value under additions and removals of facts, as the domain aggregates it. */
class RunningFigure {
  value = 0;
  private readonly members = new Map<string, number>();

  constructor(private readonly metric: MetricDefinition) {}

  apply(data: Record<string, unknown>, sign: 1 | -1): void {
    const spec = this.metric.aggregate;
    switch (spec.kind) {
      case 'count':
        this.value += sign;
        return;
      case 'sum': {
        const amount = data[spec.field];
        if (typeof amount === 'number') this.value += sign * amount;
        return;
      }
      case 'countDistinct': {
        if (!(spec.field in data)) return;
        const member = JSON.stringify(data[spec.field]);
        const count = (this.members.get(member) ?? 0) + sign;
        if (count === 0) this.members.delete(member);
        else this.members.set(member, count);
        this.value = this.members.size;
        return;
      }
      default: {
        const unreachable: never = spec;
        throw new Error(`Unknown aggregate ${JSON.stringify(unreachable)}`);
      }
    }
  }
}
