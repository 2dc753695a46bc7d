import { METRIC_TIMELINE_PROJECTION } from '@ledger/audit';
import { openStores, OpenedStores } from '@ledger/event-store';
import { REPORTING_PROJECTION } from '@ledger/projections';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../../../test/support/postgres-test-database';

const ROOT = join(__dirname, '..', '..', '..');
const TS_NODE = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
const CAUGHT_UP_TIMEOUT_MS = 60_000;

interface Progress {
  reporting: number;
  timeline: number;
  hashedPositions: number[];
}

/**
 * `npm run projector` in PostgreSQL mode: besides the reporting projection it runs the
 * audit's followers, which the api leaves to it when PROJECTOR=external.
 */
describeWithPostgres('the projector process', () => {
  let database: TestDatabase;
  let stores: OpenedStores;
  let sql: Client;
  let projector: ChildProcess | undefined;
  const output: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    stores = await openStores({ EVENT_STORE_URL: database.url });
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  }, 60_000);

  afterAll(async () => {
    if (projector && projector.exitCode === null) {
      projector.kill('SIGKILL');
      await once(projector, 'exit');
    }
    await sql?.end();
    await stores?.close();
    await database?.drop();
  }, 60_000);

  it('keeps the metric timeline and the hash chain up with the store, and stops on SIGTERM', async () => {
    const appended = await stores.eventStore.append(
      `recording-${randomUUID()}`,
      ['2023-05-01', '2023-06-02', '2023-07-03'].map((occurredOn) => ({
        id: randomUUID(),
        type: 'ConsultationHandled',
        schemaVersion: 1,
        data: { occurredOn, bodyId: 'peer-support-center', channel: 'phone', iceAge: true },
        metadata: { recordedBy: 'test' },
      })),
    );
    const head = Math.max(...appended.positions);

    projector = spawn(process.execPath, [...TS_NODE, 'apps/projector/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, EVENT_STORE_URL: database.url, DATABASE_URL: database.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    projector.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    projector.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));

    const progress = await waitFor(
      () => readProgress(sql),
      (seen) => seen.reporting >= head && seen.timeline >= head && seen.hashedPositions.length >= 3,
    );
    expect(progress).toEqual({
      reporting: head,
      timeline: head,
      hashedPositions: appended.positions,
    });

    const exited = once(projector, 'exit');
    projector.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect({ code, output: code === 0 ? '' : output.join('') }).toEqual({ code: 0, output: '' });
  }, 120_000);

  async function waitFor(
    read: () => Promise<Progress>,
    done: (progress: Progress) => boolean,
  ): Promise<Progress> {
    const deadline = Date.now() + CAUGHT_UP_TIMEOUT_MS;
    for (;;) {
      const progress = await read();
      if (done(progress) || Date.now() > deadline) return progress;
      if (projector?.exitCode !== null) {
        throw new Error(`the projector exited with ${projector?.exitCode}: ${output.join('')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
});

async function readProgress(sql: Client): Promise<Progress> {
  const positionOf = async (projection: string): Promise<number> => {
    const { rows } = await sql
      .query<{ position: string }>(
        `SELECT position FROM projection_versions WHERE name = $1 AND status = 'active'`,
        [projection],
      )
      .catch(() => ({ rows: [] as { position: string }[] }));
    return rows.length === 0 ? 0 : Number(rows[0].position);
  };
  const hashed = await sql
    .query<{ position: string }>(`SELECT position FROM audit_event_hashes ORDER BY seq`)
    .catch(() => ({ rows: [] as { position: string }[] }));
  return {
    reporting: await positionOf(REPORTING_PROJECTION),
    timeline: await positionOf(METRIC_TIMELINE_PROJECTION),
    hashedPositions: hashed.rows.map((row) => Number(row.position)),
  };
}
