import { StoredEvent } from '@ledger/event-store';
import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The hash before the first event: 64 zeros (hex of 32 zero bytes). */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Everything the store holds of an event, as canonical JSON. Beyond id, type, version,
 * data, metadata and position, the chain also covers the stream, revision and recording
 * time: as-of answers depend on `recordedAt`, so moving it would otherwise change history
 * undetected. The top level is written in its sorted order by hand (it is hot: verify
 * runs it a million times); data and metadata go through `canonicalJson`.
 */
export function canonicalEvent(event: StoredEvent): string {
  return (
    `{"data":${canonicalJson(event.data)},"id":${JSON.stringify(event.id.toLowerCase())},` +
    `"metadata":${canonicalJson(event.metadata)},"position":${canonicalJson(event.position)},` +
    `"recordedAt":"${event.recordedAt.toISOString()}","revision":${canonicalJson(event.revision)},` +
    `"schemaVersion":${canonicalJson(event.schemaVersion)},"streamId":${JSON.stringify(event.streamId)},` +
    `"type":${JSON.stringify(event.type)}}`
  );
}

/**
 * h_n = hex(sha256(hex(h_{n-1}) || canonical(event_n))), over every event of the global
 * order, as UTF-8. The previous hash enters as its hex text so each step is one one-shot
 * hash of one string.
 */
export function chainHash(previous: string, event: StoredEvent): string {
  return hash('sha256', previous + canonicalEvent(event), 'hex');
}
