import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { DuplicateEventIdError } from '@ledger/event-store';
import { EmbeddedPostgres } from '../../libs/event-store/src/embedded/embedded-postgres';
import { openStores } from '../../libs/event-store/src/open-stores';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import { describeEventStoreContract, newEvent } from './event-store.contract';

const run = promisify(execFile);

/** Runs in a second Node process: opens the same directory and reports what it finds. */
const SECOND_PROCESS = `
const { Pool } = require('pg');
const { EmbeddedPostgres } = require(${JSON.stringify(resolve(__dirname, '../../libs/event-store/src/embedded/embedded-postgres.ts'))});
const { PostgresEventStore } = require(${JSON.stringify(resolve(__dirname, '../../libs/event-store/src/postgres/postgres-event-store.ts'))});
(async () => {
  const [dataDir, readStreamId, writeStreamId, writeEventId] = process.argv.slice(1);
  const embedded = await EmbeddedPostgres.open(dataDir);
  const pool = new Pool({ connectionString: embedded.connectionString, max: 2 });
  const store = new PostgresEventStore(pool, { liveNotifications: false });
  const seen = (await store.readStream(readStreamId)).map((event) => event.id);
  await store.append(writeStreamId, [{ id: writeEventId, type: 'ConsultationHandled', schemaVersion: 1,
    data: { channel: 'email' }, metadata: { recordedBy: 'second-process' } }], 'no_stream');
  await store.close();
  await pool.end();
  await embedded.close();
  process.stdout.write(JSON.stringify({ owner: embedded.owner, connectionString: embedded.connectionString, seen }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

interface LockFile {
  pid: number;
  host: string;
  port: number | null;
}

describe('embedded PGlite event store', () => {
  let dataDir: string;
  let embedded: EmbeddedPostgres;
  let pools: Pool[] = [];

  async function openStore(): Promise<PostgresEventStore> {
    const pool = new Pool({ connectionString: embedded.connectionString, max: 10 });
    pools.push(pool);
    const store = new PostgresEventStore(pool, { liveNotifications: false });
    await store.initialize();
    return store;
  }

  async function endPools(): Promise<void> {
    await Promise.all(pools.map((pool) => pool.end()));
    pools = [];
  }

  async function readLock(): Promise<LockFile> {
    return JSON.parse(await readFile(join(dataDir, 'server.lock'), 'utf8')) as LockFile;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ledger-pglite-'));
    embedded = await EmbeddedPostgres.open(dataDir);
  });

  afterAll(async () => {
    await endPools();
    await embedded?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  describeEventStoreContract('embedded PGlite', async () => ({
    store: await openStore(),
    dispose: async () => undefined,
  }));

  describe('adapter specifics', () => {
    let store: PostgresEventStore;

    beforeAll(async () => {
      store = await openStore();
    });

    afterAll(() => store.close());

    it('owns the directory and publishes its pid and port in the lock', async () => {
      expect(embedded.owner).toBe(true);
      const port = Number(new URL(embedded.connectionString).port);
      expect(await readLock()).toMatchObject({ pid: process.pid, host: hostname(), port });
    });

    it('rejects an id already stored in another stream', async () => {
      const reused = newEvent();
      await store.append(`first-${randomUUID()}`, [reused], 'no_stream');
      await expect(store.append(`second-${randomUUID()}`, [reused], 'any')).rejects.toEqual(
        new DuplicateEventIdError([reused.id]),
      );
    });

    it('keeps concurrent connections apart: 8 writers, readers and a subscriber', async () => {
      const writers = 8;
      const batches = 60;
      const batchSize = 5;
      const start = await store.headPosition();
      const subscription = store.subscribe({ after: start });
      const delivered: string[] = [];
      const subscriber = (async () => {
        for await (const event of subscription) {
          delivered.push(event.id);
          if (delivered.length === writers * batches * batchSize) break;
        }
      })();
      const streams = Array.from({ length: writers }, (_, w) => `parallel-${w}-${randomUUID()}`);
      const reads: number[] = [];

      await Promise.all([
        ...streams.map(async (streamId, w) => {
          for (let b = 0; b < batches; b += 1) {
            const batch = Array.from({ length: batchSize }, () => newEvent({ data: { w, b } }));
            await store.append(streamId, batch, b === 0 ? 'no_stream' : b * batchSize - 1);
          }
        }),
        (async () => {
          for (let r = 0; r < 100; r += 1) {
            const streamId = streams[r % writers];
            const events = await store.readStream(streamId).catch(() => []);
            reads.push(events.filter((event, i) => event.revision !== i).length);
          }
        })(),
      ]);
      await subscriber;
      await subscription.close();

      const all = await store.readAll({ after: start, maxCount: 10_000 });
      expect(delivered).toEqual(all.map((event) => event.id));
      expect(all).toHaveLength(writers * batches * batchSize);
      expect(reads).toEqual(Array.from({ length: 100 }, () => 0));
      for (const [w, streamId] of streams.entries()) {
        const stream = await store.readStream(streamId);
        expect(stream.map((event) => event.data)).toEqual(
          Array.from({ length: batches * batchSize }, (_, i) => ({
            w,
            b: Math.floor(i / batchSize),
          })),
        );
      }
    });

    it('serves a second process that opens the same directory, as a client', async () => {
      const shared = `shared-${randomUUID()}`;
      const written = [newEvent(), newEvent()];
      await store.append(shared, written, 'no_stream');
      const fromChild = `child-${randomUUID()}`;
      const childEventId = randomUUID();

      const { stdout } = await run(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          '-e',
          SECOND_PROCESS,
          dataDir,
          shared,
          fromChild,
          childEventId,
        ],
        { cwd: resolve(__dirname, '../..'), timeout: 60_000 },
      );

      expect(JSON.parse(stdout)).toEqual({
        owner: false,
        connectionString: embedded.connectionString,
        seen: written.map((event) => event.id),
      });
      const [childEvent] = await store.readStream(fromChild);
      expect(childEvent).toMatchObject({
        id: childEventId,
        metadata: { recordedBy: 'second-process' },
      });
      expect(await readLock()).toMatchObject({ pid: process.pid });
    });

    it('is what openStores opens when EVENT_STORE_URL is unset, sharing a running owner', async () => {
      const streamId = `open-stores-${randomUUID()}`;
      const event = newEvent();
      await store.append(streamId, [event], 'no_stream');

      const stores = await openStores({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://ignored' });
      expect(stores.kind).toBe('embedded');
      expect(stores.databaseUrl).toBe(embedded.connectionString);
      expect((await stores.eventStore.readStream(streamId)).map((e) => e.id)).toEqual([event.id]);
      await stores.close();
      expect(await readLock()).toMatchObject({ pid: process.pid });
    });

    it('takes over the lock of a process that died without closing', async () => {
      const streamId = `survivor-${randomUUID()}`;
      await store.append(streamId, [newEvent()], 'no_stream');
      await store.close();
      await endPools();
      await embedded.close();

      const dead = spawnSync(
        process.execPath,
        ['-e', 'process.stdout.write(String(process.pid))'],
        {
          encoding: 'utf8',
        },
      );
      const stale = {
        pid: Number(dead.stdout),
        host: hostname(),
        port: 1,
        startedAt: new Date().toISOString(),
      };
      await writeFile(join(dataDir, 'server.lock'), JSON.stringify(stale));

      embedded = await EmbeddedPostgres.open(dataDir);
      expect(embedded.owner).toBe(true);
      expect(await readLock()).toMatchObject({ pid: process.pid });
      store = await openStore();
      expect(await store.readStream(streamId)).toHaveLength(1);
    });
  });
});
