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
import { timedMs } from '../measure/latency';

const EMMETT = 'Emmett PostgreSQL event store';
/** Page size of both global-order reads: the port's default page. */
const READ_PAGE = 1_000;
/** Each store reads everything this many times, alternating; the fastest pass counts. */
const READ_PASSES = 2;

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
      await database.vacuum();
      let oursBest = Infinity;
      let peerBest = Infinity;
      let oursRead = 0;
      let peerRead = 0;
      for (let pass = 0; pass < READ_PASSES; pass += 1) {
        const readOurs = async () => {
          const ms = await timedMs(async () => (oursRead = await readAllOurs(database.eventStore)));
          oursBest = Math.min(oursBest, ms);
        };
        const readPeer = async () => {
          const ms = await timedMs(async () => (peerRead = await readAllEmmett(executor.execute)));
          peerBest = Math.min(peerBest, ms);
        };
        if (pass % 2 === 0) {
          await readOurs();
          await readPeer();
        } else {
          await readPeer();
          await readOurs();
        }
      }
      log(
        `read ${oursRead} events from ours in ${Math.round(oursBest)} ms, ${peerRead} from Emmett in ${Math.round(peerBest)} ms`,
      );
      return [
        judged(APPEND, size, ours.events / ours.seconds, {
          label: EMMETT,
          figure: peer.events / peer.seconds,
        }),
        judged(READ, size, oursRead / (oursBest / 1000), {
          label: EMMETT,
          figure: peerRead / (peerBest / 1000),
        }),
      ];
    } finally {
      await executor.close();
      await emmett.close();
      emmett = undefined;
    }
  },
};

async function readAllOurs(store: EventStore): Promise<number> {
  let after = 0;
  let count = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: READ_PAGE });
    if (page.length === 0) return count;
    count += page.length;
    after = page[page.length - 1].position;
  }
}

async function readAllEmmett(execute: Parameters<typeof readMessagesBatch>[0]): Promise<number> {
  let after = 0n;
  let count = 0;
  for (;;) {
    const page = await readMessagesBatch(execute, { after, batchSize: READ_PAGE });
    count += page.messages.length;
    if (!page.areMessagesLeft) return count;
    after = page.currentGlobalPosition;
  }
}
