import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import {
  PostgresEventStore as EmmettEventStore,
  getPostgreSQLEventStore,
  readMessagesBatch,
} from '@event-driven-io/emmett-postgresql';
import { dumbo } from '@event-driven-io/dumbo';
import { EventStore } from '@ledger/event-store';
import { Benchmark, judged } from '../benchmark';
import { PORT_WRITER } from '../dataset/seed-dataset';

const EMMETT = 'Emmett PostgreSQL event store';
/** Page size of both global-order reads: the port's default page. */
const READ_PAGE = 1_000;
/** Each store reads everything this many times, alternating; the fastest pass counts. */
const READ_PASSES = 2;
/**
 * A read pass stops after this long. Emmett 0.42's global read sorts the whole messages
 * table for every page (its schema has no index on the global position), so at 1M events
 * one pass would take many minutes; its rate is then taken over the first part it read,
 * where its pages are cheapest.
 */
const READ_LIMIT_MS = 60_000;

const APPEND = {
  name: 'append vs Emmett, batches of 500',
  unit: 'events/s',
  target: { kind: 'ratio-at-least', min: 1 },
} as const;
const READ = {
  name: 'global-order read vs Emmett',
  unit: 'events/s',
  target: { kind: 'ratio-at-least', min: 1 },
} as const;

let emmett: EmmettEventStore | undefined;

/**
 * A peer on the same server in the same run: Emmett's PostgreSQL event store
 * (@event-driven-io/emmett-postgresql) is fed the very batches our store is seeded with,
 * each in its own new stream, then both read their whole global order in pages of 1000.
 */
export const emmettPeerBenchmark: Benchmark = {
  name: 'emmett-peer',
  figures: [APPEND, READ],

  async seedWriters({ database }) {
    const store = getPostgreSQLEventStore(database.url, { schema: { autoMigration: 'None' } });
    await store.schema.migrate();
    emmett = store;
    return [
      {
        label: EMMETT,
        write: async (batch) => {
          await store.appendToStream(
            `recording-${batch[0].id}`,
            batch.map((event) => ({
              type: event.type,
              data: event.data,
              metadata: event.metadata,
            })),
            { expectedStreamVersion: STREAM_DOES_NOT_EXIST },
          );
        },
      },
    ];
  },

  async run({ size, database, seedTimings, log }) {
    const ours = seedTimings.get(PORT_WRITER);
    const peer = seedTimings.get(EMMETT);
    if (!ours || !peer || !emmett) throw new Error('the Emmett benchmark was not fed the dataset');
    const executor = dumbo({ connectionString: database.url });
    try {
      let oursBest: GlobalRead | undefined;
      let peerBest: GlobalRead | undefined;
      const faster = (a: GlobalRead | undefined, b: GlobalRead) =>
        a && rate(a) >= rate(b) ? a : b;
      for (let pass = 0; pass < READ_PASSES; pass += 1) {
        const readOurs = async () =>
          (oursBest = faster(oursBest, await readAllOurs(database.eventStore)));
        const readPeer = async () =>
          (peerBest = faster(peerBest, await readAllEmmett(executor.execute)));
        if (pass % 2 === 0) {
          await readOurs();
          await readPeer();
        } else {
          await readPeer();
          await readOurs();
        }
      }
      if (!oursBest || !peerBest) throw new Error('no read pass ran');
      log(
        `read ${oursBest.events} events from ours in ${Math.round(oursBest.ms)} ms, ${peerBest.events} from Emmett in ${Math.round(peerBest.ms)} ms`,
      );
      const notes = [oursBest, peerBest]
        .filter((read) => !read.complete)
        .map(
          (read) =>
            `${read === oursBest ? 'ours' : 'Emmett'} stopped at the ${READ_LIMIT_MS / 1000} s limit after ${read.events.toLocaleString('en')} events; its rate is over that first part`,
        );
      return [
        judged(APPEND, size, ours.events / ours.seconds, {
          label: EMMETT,
          figure: peer.events / peer.seconds,
        }),
        judged(
          READ,
          size,
          rate(oursBest),
          { label: EMMETT, figure: rate(peerBest) },
          notes.length > 0 ? notes.join('; ') : undefined,
        ),
      ];
    } finally {
      await executor.close();
      await emmett.close();
      emmett = undefined;
    }
  },
};

interface GlobalRead {
  events: number;
  ms: number;
  /** False when the time limit stopped the read before the end of the store. */
  complete: boolean;
}

function rate(read: GlobalRead): number {
  return read.events / (read.ms / 1000);
}

async function readAllOurs(store: EventStore): Promise<GlobalRead> {
  const started = performance.now();
  let after = 0;
  let events = 0;
  for (;;) {
    if (performance.now() - started > READ_LIMIT_MS)
      return { events, ms: performance.now() - started, complete: false };
    const page = await store.readAll({ after, maxCount: READ_PAGE });
    if (page.length === 0) return { events, ms: performance.now() - started, complete: true };
    events += page.length;
    after = page[page.length - 1].position;
  }
}

async function readAllEmmett(
  execute: Parameters<typeof readMessagesBatch>[0],
): Promise<GlobalRead> {
  const started = performance.now();
  let after = 0n;
  let events = 0;
  for (;;) {
    if (performance.now() - started > READ_LIMIT_MS)
      return { events, ms: performance.now() - started, complete: false };
    const page = await readMessagesBatch(execute, { after, batchSize: READ_PAGE });
    events += page.messages.length;
    if (!page.areMessagesLeft) return { events, ms: performance.now() - started, complete: true };
    after = page.currentGlobalPosition;
  }
}
