import { StreamAppend, StreamAppendOutcome } from '../event-store.port';
import { DatabaseError } from 'pg';

/** Sends appends to the store in one call and answers each, in order. */
export type SendAppends = (appends: readonly StreamAppend[]) => Promise<StreamAppendOutcome[]>;

interface Waiting {
  appends: readonly StreamAppend[];
  events: number;
  resolve(outcomes: StreamAppendOutcome[]): void;
  reject(error: unknown): void;
}

/**
 * The appends of one process, sent one call at a time: an append that finds the store idle
 * goes at once; those that arrive while a call is out wait for it and then go together, in
 * one call, one take of the store's lock and one commit with one flush of the WAL (group
 * commit, done before the lock rather than behind it). When the disk's flushes slow down,
 * the appends that piled up meanwhile then cost one call, not one each.
 *
 * A call PostgreSQL refuses (an error it raised, not a lost connection) wrote nothing, being
 * one transaction: its submissions are then sent again one by one, so only the one at
 * fault fails. `send` turns a store it cannot reach into `EventStoreUnavailableError`,
 * which every submission of the call gets: some of them may have been written.
 */
export class AppendQueue {
  private readonly waiting: Waiting[] = [];
  private sending = false;

  /** `maxEvents`: a call takes submissions until it holds about this many events. */
  constructor(
    private readonly send: SendAppends,
    private readonly maxEvents: number,
  ) {}

  /** Answers `appends` as one `SendAppends` call of their own would. */
  submit(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]> {
    return new Promise((resolve, reject) => {
      const events = appends.reduce((sum, append) => sum + append.events.length, 0);
      this.waiting.push({ appends, events, resolve, reject });
      if (!this.sending) void this.sendWaiting();
    });
  }

  private async sendWaiting(): Promise<void> {
    this.sending = true;
    try {
      while (this.waiting.length > 0) await this.sendTogether(this.nextCall());
    } finally {
      this.sending = false;
    }
  }

  /** The oldest submissions, up to `maxEvents` events (at least one submission). */
  private nextCall(): Waiting[] {
    let events = this.waiting[0].events;
    let count = 1;
    while (count < this.waiting.length && events + this.waiting[count].events <= this.maxEvents) {
      events += this.waiting[count].events;
      count += 1;
    }
    return this.waiting.splice(0, count);
  }

  private async sendTogether(call: readonly Waiting[]): Promise<void> {
    let outcomes: StreamAppendOutcome[];
    try {
      outcomes = await this.send(call.flatMap((submission) => submission.appends));
    } catch (error) {
      // PostgreSQL refused the statement: its transaction, the whole call, wrote nothing.
      if (call.length > 1 && error instanceof DatabaseError) {
        for (const submission of call) await this.sendTogether([submission]);
      } else {
        for (const submission of call) submission.reject(error);
      }
      return;
    }
    let next = 0;
    for (const submission of call) {
      submission.resolve(outcomes.slice(next, next + submission.appends.length));
      next += submission.appends.length;
    }
  }
}
