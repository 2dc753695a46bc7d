import {
  jsonEvent,
  JSONEventData,
  Position,
  ResolvedEvent,
  AllStreamResolvedEvent,
} from '@eventstore/db-client';
import { EventMetadata, NewEvent, StoredEvent } from '../event-store.port';

/** What the adapter writes as an event's metadata: the port's metadata plus the schema version. */
interface StoredMetadata extends EventMetadata {
  schemaVersion: number;
}

type RecordedEvent =
  NonNullable<ResolvedEvent['event']> | NonNullable<AllStreamResolvedEvent['event']>;

/** Servers before 22.6 send this (-1 as an unsigned 64-bit number) instead of a stream read's position. */
const NO_POSITION = 18446744073709551615n;

export function toEventData(event: NewEvent): JSONEventData {
  // schemaVersion last: a metadata key of the same name must never override the real version.
  const metadata: StoredMetadata = { ...event.metadata, schemaVersion: event.schemaVersion };
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata });
}

/**
 * EventStoreDB orders $all by (commit, prepare). Every event written through gRPC is an
 * implicitly committed prepare whose commit position is its own log position, so commit ==
 * prepare and the commit position alone is unique per event and strictly increasing in $all
 * order. (Only explicit transactions of the legacy TCP API share one commit position among
 * several events; this adapter never writes those.) The port's position is that number.
 */
export function portPosition(position: Position | undefined, eventId: string): number {
  if (position === undefined || position.commit === NO_POSITION) {
    throw new Error(
      `EventStoreDB sent no $all position for event ${eventId}: the server must be 22.6 or later`,
    );
  }
  if (position.commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`EventStoreDB position ${position.commit} exceeds a safe JavaScript number`);
  }
  return Number(position.commit);
}

/** The $all position of a port position, for reads and subscriptions that resume after it. */
export function allPosition(position: number): Position {
  const value = BigInt(position);
  return { commit: value, prepare: value };
}

/** System events ($metadata, $settings, $statsCollected…) are the server's, not the ledger's. */
export function isSystemEvent(resolved: { event?: { type: string } }): boolean {
  return resolved.event === undefined || resolved.event.type.startsWith('$');
}

export function toStoredEvent(recorded: RecordedEvent): StoredEvent {
  if (!recorded.isJson || !isRecord(recorded.data) || !isRecord(recorded.metadata)) {
    throw new Error(`Event ${recorded.id} in ${recorded.streamId} was not written by this ledger`);
  }
  const { schemaVersion, ...metadata } = recorded.metadata as unknown as StoredMetadata;
  return {
    id: recorded.id,
    type: recorded.type,
    schemaVersion,
    data: recorded.data,
    metadata: metadata as EventMetadata,
    streamId: recorded.streamId,
    revision: Number(recorded.revision),
    position: portPosition(recorded.position, recorded.id),
    recordedAt: recorded.created,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}
