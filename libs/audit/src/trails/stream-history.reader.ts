import { EventStore } from '@ledger/event-store';
import { SqlRunner } from '../persistence/audit-database';
import { activeReportingBuild } from '../as-of/reporting-build';
import { TrailCorrection } from './metric-trail.reader';

export interface StreamHistoryEntry {
  eventId: string;
  revision: number;
  position: number;
  type: string;
  schemaVersion: number;
  recordedAt: string;
  recordedBy: string;
  bodyId: string | null;
  data: Record<string, unknown>;
  /** Its retraction or supersession, when the read model knows one. */
  correction: TrailCorrection | null;
}

export interface StreamHistory {
  streamId: string;
  events: StreamHistoryEntry[];
}

/** Every event of a stream as stored, each with what later corrected it. */
export async function streamHistory(
  eventStore: EventStore,
  database: SqlRunner,
  streamId: string,
): Promise<StreamHistory> {
  const events = [];
  for (let fromRevision = 0; ;) {
    const page = await eventStore.readStream(streamId, { fromRevision, maxCount: 1_000 });
    events.push(...page);
    if (page.length < 1_000) break;
    fromRevision = page[page.length - 1].revision + 1;
  }
  const build = await activeReportingBuild(database).catch(() => undefined);
  const corrections = new Map<string, TrailCorrection>();
  if (build) {
    const rows = await database.query<{
      target_event_id: string;
      corrected_by_event_id: string;
      kind: TrailCorrection['kind'];
      position: string;
      recorded_at: Date;
    }>(
      `SELECT target_event_id, corrected_by_event_id, kind, position, recorded_at FROM activity_corrections
        WHERE projection_version = $1 AND target_event_id = ANY($2::uuid[])`,
      [build.version, events.map((event) => event.id)],
    );
    for (const row of rows) {
      corrections.set(row.target_event_id, {
        kind: row.kind,
        byEventId: row.corrected_by_event_id,
        position: Number(row.position),
        recordedAt: row.recorded_at.toISOString(),
      });
    }
  }
  return {
    streamId,
    events: events.map((event) => ({
      eventId: event.id,
      revision: event.revision,
      position: event.position,
      type: event.type,
      schemaVersion: event.schemaVersion,
      recordedAt: event.recordedAt.toISOString(),
      recordedBy: event.metadata.recordedBy,
      bodyId: typeof event.metadata.bodyId === 'string' ? event.metadata.bodyId : null,
      data: event.data,
      correction: corrections.get(event.id.toLowerCase()) ?? null,
    })),
  };
}
