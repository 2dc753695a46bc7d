import { EventStore, StoredEvent, StreamNotFoundError } from '@ledger/event-store';
import { SqlRunner } from '../persistence/audit-database';
import { GENESIS_HASH, chainHash } from './hash-chain';
import {
  HASH_CHECKPOINT_STREAM,
  HashCheckpointRecorded,
  readHashCheckpoint,
} from './hash-checkpoint.event';

export type MismatchReason =
  /** The event at this position no longer hashes to what was recorded for it. */
  | 'hash-differs'
  /** An event that was hashed at this position is no longer in the store. */
  | 'event-missing'
  /** The store holds an event here that was never hashed at this rank. */
  | 'event-unexpected'
  /** A checkpoint event disagrees with the chain recomputed from the store. */
  | 'checkpoint-differs';

export interface Mismatch {
  /** The first position where the store no longer matches. */
  position: number;
  reason: MismatchReason;
  /** Rank of the event in the global order (1-based) where the difference was found. */
  seq: number;
  expected: string;
  actual: string;
  /** Up to here the store still matches a checkpoint: the difference is after it. */
  lastVerifiedCheckpoint: { position: number; eventCount: number } | null;
}

export interface VerifyReport {
  ok: boolean;
  eventsChecked: number;
  headPosition: number;
  /** Hex hash of the whole chain as the store now holds it (up to the first mismatch). */
  headHash: string;
  checkpointsChecked: number;
  ledgerRowsChecked: number;
  firstMismatch: Mismatch | null;
  durationMs: number;
}

export interface VerifyOptions {
  eventStore: EventStore;
  /** The hash ledger; without it, only the checkpoints are compared. */
  database?: SqlRunner;
  pageSize?: number;
}

interface LedgerRow {
  seq: number;
  position: number;
  /** Hex. */
  hash: string;
}

/**
 * Recomputes the hash chain over the whole store, read once in global order page by page
 * (the next page is fetched while this one is hashed), and compares it with the hash
 * ledger (the exact position) and the checkpoint events (the anchor, stored in the chain
 * itself). Stops at the first mismatch.
 */
export async function verifyStore(options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const pageSize = options.pageSize ?? 5_000;
  const checkpoints = await readCheckpoints(options.eventStore);
  const ledger = options.database ? new LedgerCursor(options.database, pageSize) : undefined;
  let checkpointIndex = 0;
  let lastVerified: Mismatch['lastVerifiedCheckpoint'] = null;
  let checkpointsChecked = 0;
  let ledgerRowsChecked = 0;
  let hash = GENESIS_HASH;
  let seq = 0;
  let headPosition = 0;

  const finish = (firstMismatch: Mismatch | null): VerifyReport => ({
    ok: firstMismatch === null,
    eventsChecked: seq,
    headPosition,
    headHash: hash,
    checkpointsChecked,
    ledgerRowsChecked,
    firstMismatch,
    durationMs: Math.round(performance.now() - started),
  });
  const mismatch = (
    position: number,
    reason: MismatchReason,
    expected: string,
    actual: string,
  ): VerifyReport =>
    finish({ position, reason, seq, expected, actual, lastVerifiedCheckpoint: lastVerified });

  // Checkpoints at positions the store has lost are missed events, found when passed.
  const passedCheckpoint = (upTo: number): VerifyReport | undefined => {
    const lost = checkpoints[checkpointIndex];
    if (lost === undefined || lost.position >= upTo) return undefined;
    return mismatch(
      lost.position,
      'event-missing',
      `checkpointed event at position ${lost.position}`,
      'none',
    );
  };

  let page = options.eventStore.readAll({ after: 0, maxCount: pageSize });
  for (;;) {
    const events: StoredEvent[] = await page;
    if (events.length === 0) break;
    page = options.eventStore.readAll({
      after: events[events.length - 1].position,
      maxCount: pageSize,
    });
    for (const event of events) {
      seq += 1;
      // Synchronous while the ledger page lasts: an await per event would cost more than the hash.
      let recorded = ledger?.row(seq);
      if (recorded instanceof Promise) recorded = await recorded;
      if (recorded && recorded.position !== event.position) {
        await page.catch(() => undefined);
        return recorded.position < event.position
          ? mismatch(
              recorded.position,
              'event-missing',
              `event at position ${recorded.position}`,
              `next event at position ${event.position}`,
            )
          : mismatch(
              event.position,
              'event-unexpected',
              `event ${seq} at position ${recorded.position}`,
              `event at position ${event.position}`,
            );
      }
      const lost = passedCheckpoint(event.position);
      if (lost) {
        await page.catch(() => undefined);
        return lost;
      }
      hash = chainHash(hash, event);
      headPosition = event.position;
      if (recorded) {
        ledgerRowsChecked += 1;
        if (recorded.hash !== hash) {
          await page.catch(() => undefined);
          return mismatch(event.position, 'hash-differs', recorded.hash, hash);
        }
      }
      while (
        checkpointIndex < checkpoints.length &&
        checkpoints[checkpointIndex].position === event.position
      ) {
        const checkpoint = checkpoints[checkpointIndex++];
        checkpointsChecked += 1;
        const actual = { hash, eventCount: seq };
        if (checkpoint.hash !== actual.hash || checkpoint.eventCount !== actual.eventCount) {
          await page.catch(() => undefined);
          return mismatch(
            event.position,
            'checkpoint-differs',
            `${checkpoint.eventCount} events, ${checkpoint.hash}`,
            `${actual.eventCount} events, ${actual.hash}`,
          );
        }
        lastVerified = { position: checkpoint.position, eventCount: checkpoint.eventCount };
      }
    }
  }
  const beyond = ledger ? await ledger.row(seq + 1) : undefined;
  if (beyond)
    return mismatch(
      beyond.position,
      'event-missing',
      `event at position ${beyond.position}`,
      'end of store',
    );
  return passedCheckpoint(Number.POSITIVE_INFINITY) ?? finish(null);
}

/** Every checkpoint the store holds, in position order. */
async function readCheckpoints(eventStore: EventStore): Promise<HashCheckpointRecorded[]> {
  const checkpoints: HashCheckpointRecorded[] = [];
  try {
    let fromRevision = 0;
    for (;;) {
      const events = await eventStore.readStream(HASH_CHECKPOINT_STREAM, {
        fromRevision,
        maxCount: 1_000,
      });
      for (const event of events) {
        const checkpoint = readHashCheckpoint(event);
        if (checkpoint) checkpoints.push(checkpoint);
      }
      if (events.length < 1_000) break;
      fromRevision = events[events.length - 1].revision + 1;
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return checkpoints.sort((a, b) => a.position - b.position);
}

/** The hash ledger read in rank order, a page ahead. */
class LedgerCursor {
  private rows: LedgerRow[] = [];
  private index = 0;
  private next: Promise<LedgerRow[]> | undefined;
  private exhausted = false;

  constructor(
    private readonly database: SqlRunner,
    private readonly pageSize: number,
  ) {
    this.next = this.fetch(0);
  }

  /** The row of rank `seq`; ranks are asked for in increasing order, one at a time. */
  row(seq: number): LedgerRow | undefined | Promise<LedgerRow | undefined> {
    if (this.index < this.rows.length) return this.take(seq);
    return this.refill().then((more) => (more ? this.take(seq) : undefined));
  }

  private take(seq: number): LedgerRow | undefined {
    const row = this.rows[this.index];
    if (row.seq !== seq) return undefined;
    this.index += 1;
    return row;
  }

  private async refill(): Promise<boolean> {
    if (this.exhausted || !this.next) return false;
    this.rows = await this.next;
    this.index = 0;
    if (this.rows.length < this.pageSize) this.exhausted = true;
    this.next =
      this.exhausted || this.rows.length === 0
        ? undefined
        : this.fetch(this.rows[this.rows.length - 1].seq);
    return this.rows.length > 0;
  }

  private async fetch(after: number): Promise<LedgerRow[]> {
    const rows = await this.database.query<{ seq: string; position: string; chain_hash: string }>(
      `SELECT seq, position, encode(chain_hash, 'hex') AS chain_hash FROM audit_event_hashes WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [after, this.pageSize],
    );
    return rows.map((row) => ({
      seq: Number(row.seq),
      position: Number(row.position),
      hash: row.chain_hash,
    }));
  }
}
