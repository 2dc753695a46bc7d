import { NewEvent } from '@ledger/event-store';
import { SyntheticActivities } from '../dataset/synthetic-activities';
import { RateRun, sendAtRate } from '../measure/at-rate';
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

/**
 * Single-event requests at a fixed rate whatever the answers' speed (an open loop, as many
 * independent clients would send them); each latency runs from the request's due time.
 */
export async function recordSinglesAtRate(
  api: ApiProcess,
  options: { perSecond: number; durationMs: number; seed: number },
): Promise<RateRun> {
  const total = Math.round((options.perSecond * options.durationMs) / 1000);
  return singlesSender(api, options.seed)({ perSecond: options.perSecond, total });
}

/** Sends single-event requests, each call the next `total` events of one synthetic source. */
export function singlesSender(
  api: ApiProcess,
  seed: number,
): (schedule: { perSecond: number; total: number }) => Promise<RateRun> {
  const source = new SyntheticActivities(seed);
  return (schedule) => {
    const events = uncorrectingEvents(source, schedule.total);
    return sendAtRate(schedule, (i) => postEvents(api, [events[i]]));
  };
}
