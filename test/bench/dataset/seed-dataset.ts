import { PLAN_EVENT_SCHEMA_VERSION, PLAN_STREAM, initialPlanEvents } from '@ledger/domain';
import { EventStore, NewEvent } from '@ledger/event-store';
import { randomUUID } from 'node:crypto';
import { SeedTiming, SeedWriter } from '../benchmark';
import { SyntheticActivities } from './synthetic-activities';

/** The size of one recorded batch, as the issues measure appends. */
export const SEED_BATCH = 500;
export const PORT_WRITER = 'event-store port';

/**
 * Records the plan, then `size` synthetic activities through the event-store port in
 * batches of 500, each in its own stream as the api records a batch. Every other writer is
 * fed the same batch right after or before (the order alternates), so background load
 * weighs on all of them alike and each one's time is measured on the same rows.
 */
export async function seedDataset(
  eventStore: EventStore,
  size: number,
  others: readonly SeedWriter[],
  log: (message: string) => void,
): Promise<Map<string, SeedTiming>> {
  await eventStore.append(PLAN_STREAM, planEvents(), 'no_stream');
  const port: SeedWriter = {
    label: PORT_WRITER,
    write: async (batch) => {
      await eventStore.append(`recording-${batch[0].id}`, batch, 'no_stream');
    },
  };
  const writers = [port, ...others];
  const nanos = new Map(writers.map((writer) => [writer.label, 0n]));
  const source = new SyntheticActivities();
  const started = Date.now();
  let reported = started;
  for (let done = 0, index = 0; done < size; index += 1) {
    const batch = source.batch(Math.min(SEED_BATCH, size - done));
    const order = index % 2 === 0 ? writers : [...writers].reverse();
    for (const writer of order) {
      const before = process.hrtime.bigint();
      await writer.write(batch, index);
      nanos.set(writer.label, (nanos.get(writer.label) ?? 0n) + process.hrtime.bigint() - before);
    }
    done += batch.length;
    if (Date.now() - reported > 10_000 || done === size) {
      reported = Date.now();
      log(
        `seeded ${done.toLocaleString('en')}/${size.toLocaleString('en')} events (${Math.round((reported - started) / 1000)} s)`,
      );
    }
  }
  return new Map(
    [...nanos].map(([label, ns]) => [label, { events: size, seconds: Number(ns) / 1e9 }]),
  );
}

function planEvents(): NewEvent[] {
  return initialPlanEvents().map((event) => ({
    id: randomUUID(),
    type: event.type,
    schemaVersion: PLAN_EVENT_SCHEMA_VERSION,
    data: { ...event.data },
    metadata: { recordedBy: 'bench-admin' },
  }));
}
