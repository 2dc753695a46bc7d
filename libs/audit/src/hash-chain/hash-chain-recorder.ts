import { EventStore, StreamNotFoundError } from '@ledger/event-store';
import { AuditDatabase } from '../persistence/audit-database';
import { GENESIS_HASH, chainHash } from './hash-chain';
import {
  HASH_CHECKPOINT_STREAM,
  HashCheckpoint,
  HashCheckpointReason,
  hashCheckpointEvent,
  readHashCheckpoint,
} from './hash-checkpoint.event';

export interface HashChainRecorderOptions {
  eventStore: EventStore;
  database: AuditDatabase;
  /** A checkpoint event every this many events of the global order. */
  checkpointInterval?: number;
  batchSize?: number;
  idlePollMs?: number;
  onError?: (error: unknown) => void;
}

/** The chain after its `seq`-th event (seq 0: the empty store). */
export interface ChainHead {
  seq: number;
  position: number;
  /** Hex SHA-256. */
  hash: string;
}

export const DEFAULT_CHECKPOINT_INTERVAL = 10_000;
const RECORDED_BY = 'system:hash-chain';

/**
 * Extends the hash ledger over new events and appends a checkpoint event each time the
 * chain passes a multiple of the interval. Runs beside the projector. The batch is read
 * before its transaction opens (PGlite: a transaction must never wait on another
 * connection), and checkpoints are appended after it commits, from the ledger: a crash
 * in between is healed by the next pass, which appends every checkpoint still due.
 */
export class HashChainRecorder {
  readonly checkpointInterval: number;
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  private lastIntervalCheckpoint: number | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(private readonly options: HashChainRecorderOptions) {
    this.checkpointInterval = options.checkpointInterval ?? DEFAULT_CHECKPOINT_INTERVAL;
    this.batchSize = options.batchSize ?? 5_000;
    this.idlePollMs = options.idlePollMs ?? 200;
    if (!Number.isInteger(this.checkpointInterval) || this.checkpointInterval < 1) {
      throw new Error(
        `The checkpoint interval must be a positive integer, got ${this.checkpointInterval}`,
      );
    }
  }

  /**
   * The recorder as a service runs it: its interval from `AUDIT_CHECKPOINT_INTERVAL`, its
   * errors logged (it keeps going, and retries on its next pass).
   */
  static configured(
    eventStore: EventStore,
    database: AuditDatabase,
    env: NodeJS.ProcessEnv,
  ): HashChainRecorder {
    return new HashChainRecorder({
      eventStore,
      database,
      checkpointInterval: Number(env.AUDIT_CHECKPOINT_INTERVAL ?? DEFAULT_CHECKPOINT_INTERVAL),
      onError: (error) => console.error('hash chain recorder:', error),
    });
  }

  /** Hashes everything up to the store's head and appends the checkpoints due. */
  catchUp(): Promise<ChainHead> {
    return this.exclusive(() => this.extend());
  }

  /**
   * Catches up, then checkpoints the head itself (a fiscal-year close). Events appended
   * meanwhile by others are hashed too: the checkpoint is wherever the chain then ends.
   */
  checkpointHead(reason: HashCheckpointReason): Promise<HashCheckpoint> {
    return this.exclusive(async () => {
      const head = await this.extend();
      const checkpoint = toCheckpoint(head);
      await this.options.eventStore.append(HASH_CHECKPOINT_STREAM, [
        hashCheckpointEvent(checkpoint, reason, RECORDED_BY),
      ]);
      return checkpoint;
    });
  }

  start(): void {
    this.loop ??= this.follow();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    await this.running.catch(() => undefined);
  }

  private async follow(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.catchUp();
      } catch (error) {
        this.options.onError?.(error);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.idlePollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.running.catch(() => undefined).then(work);
    this.running = next;
    return next;
  }

  private async extend(): Promise<ChainHead> {
    const { eventStore, database } = this.options;
    let head = await this.ledgerHead();
    for (;;) {
      const events = await eventStore.readAll({ after: head.position, maxCount: this.batchSize });
      if (events.length === 0) break;
      const seqs: number[] = [];
      const positions: number[] = [];
      const hashes: string[] = [];
      let { seq, hash } = head;
      for (const event of events) {
        hash = chainHash(hash, event);
        seq += 1;
        seqs.push(seq);
        positions.push(event.position);
        hashes.push(hash);
      }
      try {
        await database.query(
          `INSERT INTO audit_event_hashes (seq, position, chain_hash)
           SELECT s, p, decode(h, 'hex') FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS t(s, p, h)`,
          [seqs, positions, hashes],
        );
      } catch (error) {
        // Another process extended the ledger first: carry on from where it got to.
        if (isUniqueViolation(error)) {
          head = await this.ledgerHead();
          continue;
        }
        throw error;
      }
      head = { seq, position: events[events.length - 1].position, hash };
      await this.appendDueCheckpoints(head.seq);
    }
    await this.appendDueCheckpoints(head.seq);
    return head;
  }

  private async appendDueCheckpoints(seq: number): Promise<void> {
    const interval = this.checkpointInterval;
    const due = Math.floor(seq / interval);
    this.lastIntervalCheckpoint ??= await this.lastCheckpointedMultiple();
    for (let multiple = this.lastIntervalCheckpoint + 1; multiple <= due; multiple++) {
      const [row] = await this.options.database.query<{ position: string; chain_hash: string }>(
        `SELECT position, encode(chain_hash, 'hex') AS chain_hash FROM audit_event_hashes WHERE seq = $1`,
        [multiple * interval],
      );
      const checkpoint = {
        position: Number(row.position),
        hash: row.chain_hash,
        eventCount: multiple * interval,
      };
      await this.options.eventStore.append(HASH_CHECKPOINT_STREAM, [
        hashCheckpointEvent(checkpoint, 'interval', RECORDED_BY),
      ]);
      this.lastIntervalCheckpoint = multiple;
    }
  }

  /** How many intervals the checkpoints already in the store cover. */
  private async lastCheckpointedMultiple(): Promise<number> {
    try {
      const recent = await this.options.eventStore.readStream(HASH_CHECKPOINT_STREAM, {
        direction: 'backwards',
        maxCount: 100,
      });
      for (const event of recent) {
        const checkpoint = readHashCheckpoint(event);
        if (checkpoint?.reason === 'interval')
          return Math.floor(checkpoint.eventCount / this.checkpointInterval);
      }
      return 0;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 0;
      throw error;
    }
  }

  private async ledgerHead(): Promise<ChainHead> {
    const [row] = await this.options.database.query<{
      seq: string;
      position: string;
      chain_hash: string;
    }>(
      `SELECT seq, position, encode(chain_hash, 'hex') AS chain_hash FROM audit_event_hashes ORDER BY seq DESC LIMIT 1`,
    );
    if (!row) return { seq: 0, position: 0, hash: GENESIS_HASH };
    return { seq: Number(row.seq), position: Number(row.position), hash: row.chain_hash };
  }
}

export function toCheckpoint(head: ChainHead): HashCheckpoint {
  return { position: head.position, hash: head.hash, eventCount: head.seq };
}

function isUniqueViolation(error: unknown): boolean {
  const withCode = error as { code?: string; driverError?: { code?: string } };
  return (withCode.driverError?.code ?? withCode.code) === '23505';
}
