import { NewEvent, StoredEvent } from '@ledger/event-store';
import { createHash } from 'node:crypto';

export const HASH_CHECKPOINT_STREAM = 'audit-hash-checkpoints';
export const HASH_CHECKPOINT_RECORDED = 'HashCheckpointRecorded';

/**
 * The chain hash over every event at positions ≤ `position` (there are `eventCount` of
 * them). The checkpoint event itself comes later in the order and is covered by the next.
 */
export interface HashCheckpoint {
  position: number;
  /** Hex SHA-256. */
  hash: string;
  eventCount: number;
}

export type HashCheckpointReason = 'interval' | 'fiscal-year-close';

export interface HashCheckpointRecorded extends HashCheckpoint {
  reason: HashCheckpointReason;
}

/**
 * The event id is derived from what it checkpoints, so a retry, or a second process
 * checkpointing the same point, is the store's idempotent no-op rather than a duplicate.
 */
export function hashCheckpointEvent(
  checkpoint: HashCheckpoint,
  reason: HashCheckpointReason,
  recordedBy: string,
): NewEvent {
  const data: HashCheckpointRecorded = { ...checkpoint, reason };
  return {
    id: deterministicUuid(
      `${HASH_CHECKPOINT_RECORDED}:${checkpoint.eventCount}:${checkpoint.position}:${checkpoint.hash}`,
    ),
    type: HASH_CHECKPOINT_RECORDED,
    schemaVersion: 1,
    data: { ...data },
    metadata: { recordedBy },
  };
}

export function readHashCheckpoint(event: StoredEvent): HashCheckpointRecorded | undefined {
  if (event.type !== HASH_CHECKPOINT_RECORDED) return undefined;
  const { position, hash, eventCount, reason } = event.data;
  if (typeof position !== 'number' || typeof hash !== 'string' || typeof eventCount !== 'number')
    return undefined;
  return {
    position,
    hash,
    eventCount,
    reason: reason === 'fiscal-year-close' ? 'fiscal-year-close' : 'interval',
  };
}

/** A name-based UUID (version 5 layout over SHA-256). */
export function deterministicUuid(name: string): string {
  const bytes = createHash('sha256').update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
