/**
 * Real PostgreSQL for integration tests, one fresh database per test file.
 *
 * The server is the one at `DATABASE_TEST_URL` (default below). When it cannot be reached:
 *   - with `CI=true`, `requirePostgres()` throws, so the test file FAILS: CI must never go
 *     green by skipping the very tests that exercise the database;
 *   - otherwise it prints why and returns false, and `describeWithPostgres` registers its
 *     tests as skipped.
 *
 * Usage:
 *   describeWithPostgres('projection X', () => {
 *     let database: TestDatabase;
 *     beforeAll(async () => { database = await createTestDatabase(); });
 *     afterAll(() => database.drop());
 *     ...
 *   });
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

export const DATABASE_TEST_URL =
  process.env.DATABASE_TEST_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Connection string of the new, empty database. */
  url: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

let reachable: boolean | undefined;

/**
 * Whether PostgreSQL answers at `DATABASE_TEST_URL`; decided once per test file, and
 * synchronously, because Jest must know while collecting tests whether to skip them.
 */
export function requirePostgres(): boolean {
  if (reachable === undefined) {
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        `const { Client } = require(${JSON.stringify(require.resolve('pg'))});
         const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 5000 });
         client.connect().then(() => client.end()).then(
           () => process.exit(0),
           (error) => { process.stderr.write(String(error.message)); process.exit(1); });`,
        DATABASE_TEST_URL,
      ],
      { encoding: 'utf8', timeout: 15_000 },
    );
    reachable = probe.status === 0;
    if (!reachable) {
      const why = `PostgreSQL is not reachable at ${redact(DATABASE_TEST_URL)}: ${probe.stderr || probe.error?.message || 'no answer'}`;
      if (process.env.CI === 'true')
        throw new Error(`${why} (CI=true: failing instead of skipping)`);
      console.warn(`${why}; skipping the tests that need it. Start it or set DATABASE_TEST_URL.`);
    }
  }
  return reachable;
}

/** `describe` when PostgreSQL is reachable, `describe.skip` otherwise (see `requirePostgres`). */
export function describeWithPostgres(name: string, body: () => void): void {
  (requirePostgres() ? describe : describe.skip)(name, body);
}

/** Creates an empty database on the test server; each test file gets its own. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `ledger_test_${randomUUID().replace(/-/g, '')}`;
  await withAdminClient((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(DATABASE_TEST_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdminClient(async (admin) => {
        await sessionsEnded(admin, name);
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}

/**
 * Waits (up to 5 s) for the database's sessions to end before FORCE ends the rest. pg's
 * `Pool.end()` resolves as soon as it has asked its connections to close: a session still
 * closing when FORCE terminates it makes that pool emit an 'error' that crashes the test
 * file, which happened on a loaded CI machine.
 */
async function sessionsEnded(admin: Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { rows } = await admin.query<{ sessions: number }>(
      'SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE datname = $1',
      [name],
    );
    if (rows[0].sessions === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function withAdminClient(work: (admin: Client) => Promise<unknown>): Promise<void> {
  const admin = new Client({ connectionString: DATABASE_TEST_URL });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
