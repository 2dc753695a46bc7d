import { NewEvent } from '@ledger/event-store';
import { SyntheticActivities } from '../dataset/synthetic-activities';
import { ApiProcess, RECORDER_BODY } from './api-process';

export interface RequestEvent {
  id: string;
  type: string;
  occurredOn: string;
  data: Record<string, unknown>;
}

/** An event as a data-entry service sends it: `occurredOn` beside the data, the key's own body. */
export function toRequestEvent(event: NewEvent): RequestEvent {
  const { occurredOn, ...data } = event.data;
  return {
    id: event.id,
    type: event.type,
    occurredOn: String(occurredOn),
    data: { ...data, bodyId: RECORDER_BODY },
  };
}

/** Events that correct nothing, for requests sent concurrently (a correction must follow its target). */
export function uncorrectingEvents(source: SyntheticActivities, count: number): NewEvent[] {
  const events: NewEvent[] = [];
  while (events.length < count) {
    const event = source.next();
    if (event.type !== 'RecordRetracted' && event.data.supersedes === undefined) events.push(event);
  }
  return events;
}

export async function postEvents(api: ApiProcess, events: readonly NewEvent[]): Promise<void> {
  const answer = await api.post('/v1/events', { events: events.map(toRequestEvent) });
  if (answer.status !== 201) {
    throw new Error(
      `POST /v1/events answered ${answer.status}: ${answer.body.slice(0, 300)} (the api's output: bench-results/api.log)`,
    );
  }
}

/**
 * `clients` concurrent clients, each posting batches of `batchSize` one after another (a
 * batch's corrections name the client's earlier events) until `durationMs` has passed.
 */
export async function recordBatchesConcurrently(
  api: ApiProcess,
  options: { clients: number; batchSize: number; durationMs: number; seed: number },
): Promise<{ events: number; seconds: number }> {
  const started = performance.now();
  const deadline = started + options.durationMs;
  let events = 0;
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      const source = new SyntheticActivities(options.seed * 100 + client);
      while (performance.now() < deadline) {
        const batch = source.batch(options.batchSize);
        await postEvents(api, batch);
        events += batch.length;
      }
    }),
  );
  return { events, seconds: (performance.now() - started) / 1000 };
}

/** More requests waiting than this and the api is not keeping up: stop sending, report it. */
const MAX_OUTSTANDING = 1_000;

export interface RateRun {
  latenciesMs: number[];
  /** Requests sent per second while sending. */
  sentPerSecond: number;
  /** Seconds after which sending stopped because MAX_OUTSTANDING were unanswered, if it did. */
  overloadedAfterSeconds: number | null;
}

/**
 * Single-event requests at a fixed rate whatever the answers' speed (an open loop, as many
 * independent clients would send them); each latency runs from the request's due time.
 */
export async function recordSinglesAtRate(
  api: ApiProcess,
  options: { perSecond: number; durationMs: number; seed: number },
): Promise<RateRun> {
  const source = new SyntheticActivities(options.seed);
  const total = Math.round((options.perSecond * options.durationMs) / 1000);
  const events = uncorrectingEvents(source, total);
  const interval = 1000 / options.perSecond;
  const started = performance.now();
  const pending: Promise<number>[] = [];
  let outstanding = 0;
  let overloadedAfterSeconds: number | null = null;
  // Caught as they fail, not when awaited after the loop: a rejection left unhandled that
  // long would end the whole run.
  let failure: unknown;
  for (let i = 0; i < total && failure === undefined; i += 1) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (outstanding >= MAX_OUTSTANDING) {
      overloadedAfterSeconds = (performance.now() - started) / 1000;
      break;
    }
    outstanding += 1;
    pending.push(
      postEvents(api, [events[i]]).then(
        () => {
          outstanding -= 1;
          return performance.now() - due;
        },
        (error: unknown) => {
          outstanding -= 1;
          failure ??= error;
          return Number.NaN;
        },
      ),
    );
  }
  const sendingSeconds = (performance.now() - started) / 1000;
  const latenciesMs = await Promise.all(pending);
  if (failure !== undefined) throw failure;
  return { latenciesMs, sentPerSecond: pending.length / sendingSeconds, overloadedAfterSeconds };
}

export function describeRateRun(run: RateRun): string {
  const sent = `${Math.round(run.sentPerSecond)} requests/s sent`;
  return run.overloadedAfterSeconds === null
    ? sent
    : `${sent}; overloaded: stopped sending after ${run.overloadedAfterSeconds.toFixed(1)} s with ${MAX_OUTSTANDING} unanswered`;
}
