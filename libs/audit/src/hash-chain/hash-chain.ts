import { StoredEvent } from '@ledger/event-store';
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The hash before the first event: 32 zero bytes. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/**
 * Everything the store holds of an event. Beyond id, type, version, data, metadata and
 * position, the chain also covers the stream, revision and recording time: as-of answers
 * depend on `recordedAt`, so moving it would otherwise change history undetected.
 */
export function canonicalEvent(event: StoredEvent): string {
  return canonicalJson({
    id: event.id.toLowerCase(),
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    recordedAt: event.recordedAt.toISOString(),
  });
}

/** h_n = sha256(h_{n-1} || canonical(event_n)), over every event of the global order. */
export function chainHash(previous: Buffer, event: StoredEvent): Buffer {
  return createHash('sha256').update(previous).update(canonicalEvent(event), 'utf8').digest();
}
