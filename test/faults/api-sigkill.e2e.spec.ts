import { Agent } from 'node:http';
import { Client } from 'pg';
import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../support/postgres-test-database';
import { ApiChildProcess } from './support/api-child-process';
import { postJson } from './support/loopback-http';
import { seededRandom, seededUuid } from './support/seeded-random';

const SEED = 0x51c1;
const CLIENTS = 3;
// Enough that kills 2 and 3 still find batches to interrupt: clients record at full speed
// while a restarted api catches up before /health says it is ready.
const BATCHES_PER_CLIENT = 20;
const BATCH_SIZE = 1000;
const KILLS = 3;
const BODY = 'peer-support-center';

interface Batch {
  ids: string[];
  body: { events: unknown[] };
  acknowledged?: 200 | 201;
  attempts: number;
}

function batchOf(random: () => number): Batch {
  const events = Array.from({ length: BATCH_SIZE }, (_, i) => ({
    id: seededUuid(random),
    type: 'ConsultationHandled',
    occurredOn: `2023-${String((i % 12) + 1).padStart(2, '0')}-15`,
    data: { channel: 'phone', iceAgeGeneration: i % 3 === 0, municipalityCode: '39201' },
  }));
  return { ids: events.map((e) => e.id), body: { events }, attempts: 0 };
}

/** Socket-level failures a client sees while the api is dead or dying: retry those. */
function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    (error as Error).message === 'socket hang up'
  );
}

describeWithPostgres('the api killed with SIGKILL during batch appends', () => {
  let database: TestDatabase;
  let api: ApiChildProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await ApiChildProcess.start(database.url);
  }, 90_000);

  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it('records every batch exactly once when clients retry unacknowledged batches with the same ids', async () => {
    const random = seededRandom(SEED);
    const key = await api.createKey('recorder', BODY);
    const batches = Array.from({ length: CLIENTS }, () =>
      Array.from({ length: BATCHES_PER_CLIENT }, () => batchOf(random)),
    );
    let interrupted = 0;
    let finished = 0;

    const client = async (own: Batch[]): Promise<void> => {
      const agent = new Agent({ keepAlive: true });
      try {
        for (const batch of own) {
          while (batch.acknowledged === undefined) {
            batch.attempts++;
            try {
              const answer = await postJson(api.port, '/v1/events', batch.body, key, agent);
              if (answer.status === 200 || answer.status === 201)
                batch.acknowledged = answer.status;
              else if (answer.status !== 503)
                throw new Error(`unexpected ${answer.status}: ${answer.body.slice(0, 500)}`);
            } catch (error) {
              if (!isConnectionLoss(error)) throw error;
              interrupted++;
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
          }
        }
      } finally {
        finished++;
        agent.destroy();
      }
    };

    const acknowledged = () => batches.flat().filter((b) => b.acknowledged !== undefined).length;
    const total = CLIENTS * BATCHES_PER_CLIENT;
    const killer = async (): Promise<number> => {
      let kills = 0;
      while (kills < KILLS && finished < CLIENTS) {
        // Spread the kills over the run, each at a random moment after a share of the batches.
        if (acknowledged() < ((kills + 1) * total) / (KILLS + 1)) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          continue;
        }
        await new Promise((resolve) => setTimeout(resolve, random() * 150));
        await api.kill();
        kills++;
        await api.restart();
      }
      return kills;
    };

    const [kills] = await Promise.all([killer(), ...batches.map(client)]);

    expect(kills).toBe(KILLS);
    // Some request was cut off mid-flight, so the retries really were of unknown outcomes.
    expect(interrupted).toBeGreaterThan(0);
    const all = batches.flat();
    expect(all.filter((batch) => batch.acknowledged === undefined)).toEqual([]);

    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ event_id: string; copies: number }>(
        `SELECT event_id::text, count(*)::int AS copies FROM event_store.events
          WHERE type = 'ConsultationHandled' GROUP BY event_id`,
      );
      expect(rows.filter((row) => row.copies !== 1)).toEqual([]);
      const stored = new Set(rows.map((row) => row.event_id));
      const sent = all.flatMap((batch) => batch.ids);
      expect(stored.size).toBe(CLIENTS * BATCHES_PER_CLIENT * BATCH_SIZE);
      expect(sent.filter((id) => !stored.has(id))).toEqual([]);
      // Each batch is one atomic append: its ids sit in one stream, in the order sent.
      const streams = await db.query<{ stream_id: string; ids: string[] }>(
        `SELECT stream_id, array_agg(event_id::text ORDER BY revision) AS ids FROM event_store.events
          WHERE stream_id LIKE 'recording-%' GROUP BY stream_id`,
      );
      const byStream = new Map(streams.rows.map((row) => [row.stream_id, row.ids]));
      for (const batch of all) expect(byStream.get(`recording-${batch.ids[0]}`)).toEqual(batch.ids);
    } finally {
      await db.end();
    }
  }, 150_000);
});
