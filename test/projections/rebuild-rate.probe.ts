import { METRICS } from '@ledger/domain';
import { PostgresEventStore } from '@ledger/event-store';
import {
  Projection,
  ReportingProjection,
  createReadModelDataSource,
  domainReportingEvents,
  migrateReadModels,
  rebuildProjection,
} from '@ledger/projections';
import { readFileSync, readdirSync } from 'node:fs';
import { Client, Pool } from 'pg';
import { QueryRunner } from 'typeorm';
import { bareSequentialRead } from '../bench/measure/bare-read';
import { timedMs } from '../bench/measure/latency';
import { seedDataset } from '../bench/dataset/seed-dataset';

/**
 * A quick, repeatable measure of the rebuild against a bare ordered read of the same rows,
 * for tuning the projection without the whole `npm run bench`. Seeds its own database once
 * (kept between runs), then per run: fresh read-model tables, bare read, rebuild, bare read.
 *
 *   PROBE_EVENTS=200000 PROBE_BATCH=5000 npx ts-node --transpile-only \
 *     -r tsconfig-paths/register test/projections/rebuild-rate.probe.ts
 *
 * PROBE_BESIDE=1 rebuilds a second time beside the build the first rebuild left active.
 */
const SERVER =
  process.env.DATABASE_TEST_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const DATABASE = 'ledger_rebuild_probe';
const EVENTS = Number(process.env.PROBE_EVENTS ?? 200_000);
const BATCH = Number(process.env.PROBE_BATCH ?? 5_000);
const BESIDE = process.env.PROBE_BESIDE === '1';

async function main(): Promise<void> {
  const url = new URL(SERVER);
  url.pathname = `/${DATABASE}`;
  await ensureDatabase();
  const pool = new Pool({ connectionString: url.toString(), max: 10 });
  const eventStore = new PostgresEventStore(pool, { liveNotifications: false });
  await eventStore.initialize();
  const [{ n }] = (
    await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM event_store.events')
  ).rows;
  if (n < EVENTS) {
    await pool.query('TRUNCATE event_store.events CASCADE');
    await seedDataset(eventStore, EVENTS, [], (line) => console.log(line));
  }
  await dropReadModels(pool);
  const dataSource = createReadModelDataSource(url.toString(), 5);
  await dataSource.initialize();
  await migrateReadModels(dataSource);
  await pool.query('VACUUM ANALYZE');

  const projection = traced(new ReportingProjection(METRICS, domainReportingEvents));
  const runs = BESIDE ? 2 : 1;
  for (let run = 0; run < runs; run += 1) {
    const bareCpu = cpuMeter();
    const before = await bareSequentialRead(pool, BATCH);
    const bareSpent = bareCpu();
    let applied = 0;
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const rebuildCpu = cpuMeter();
    const ms = await timedMs(() =>
      rebuildProjection({ dataSource, eventStore, projection, batchSize: BATCH }, (progress) => {
        applied = progress.eventsDone;
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }),
    );
    const rebuildSpent = rebuildCpu();
    const after = await bareSequentialRead(pool, BATCH);
    console.log(`cpu s, bare read: ${bareSpent}; rebuild: ${rebuildSpent}`);
    console.log(
      `rss MB: ${Math.round(rssBefore / 2 ** 20)} before, peak ${Math.round(rssPeak / 2 ** 20)}`,
    );
    const bare = (before.eventsPerSecond + after.eventsPerSecond) / 2;
    const rate = applied / (ms / 1000);
    console.log(
      `${run === 0 ? 'from zero' : 'beside active'}: ${applied} events, rebuild ${Math.round(rate)}/s, bare ${Math.round(before.eventsPerSecond)}/${Math.round(after.eventsPerSecond)}/s, ratio ${(rate / bare).toFixed(3)}`,
    );
  }
  for (const [sql, ms] of [...statementMs].sort((a, b) => b[1] - a[1])) {
    console.log(`${Math.round(ms).toString().padStart(7)} ms  ${sql}`);
  }
  await dataSource.destroy();
  await pool.end();
}

/**
 * CPU seconds spent by this process and by the server's backends on the probe database
 * from now until the returned function is called: a figure the machine's other load
 * changes far less than elapsed time.
 */
function cpuMeter(): () => string {
  const node = process.cpuUsage();
  const server = serverCpuTicks();
  return () => {
    const used = process.cpuUsage(node);
    const nodeSeconds = (used.user + used.system) / 1e6;
    const serverSeconds = (serverCpuTicks() - server) / 100;
    return `node ${nodeSeconds.toFixed(2)}, postgres ${serverSeconds.toFixed(2)}`;
  };
}

/** utime + stime of the backends serving the probe database (Linux, clock ticks of 1/100 s). */
function serverCpuTicks(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(DATABASE)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while it was read.
    }
  }
  return ticks;
}

const statementMs = new Map<string, number>();

/** With PROBE_TRACE=1, sums the time of each statement the projection runs, by its start. */
function traced(projection: Projection): Projection {
  if (process.env.PROBE_TRACE !== '1') return projection;
  const timing = (tx: QueryRunner): QueryRunner =>
    new Proxy(tx, {
      get(target, property, receiver) {
        if (property !== 'query') return Reflect.get(target, property, receiver);
        return async (sql: string, ...rest: unknown[]) => {
          const label = sql.replace(/\s+/g, ' ').trim().slice(0, 60);
          const started = process.hrtime.bigint();
          try {
            return await (target.query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
          } finally {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            statementMs.set(label, (statementMs.get(label) ?? 0) + ms);
          }
        };
      },
    });
  const timed = async (label: string, work: () => Promise<void>): Promise<void> => {
    const started = process.hrtime.bigint();
    await work();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    statementMs.set(label, (statementMs.get(label) ?? 0) + ms);
  };
  return {
    name: projection.name,
    codeVersion: projection.codeVersion,
    createVersion: (version, status, tx) =>
      timed('(createVersion)', async () => projection.createVersion?.(version, status, timing(tx))),
    apply: (events, tx, version, status) =>
      timed('(apply, whole)', () => projection.apply(events, timing(tx), version, status)),
    completeVersion: (version, tx) =>
      timed('(completeVersion, whole)', async () =>
        projection.completeVersion?.(version, timing(tx)),
      ),
    dropVersion: (version, runner) => projection.dropVersion(version, runner),
  };
}

async function ensureDatabase(): Promise<void> {
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      DATABASE,
    ]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

async function dropReadModels(pool: Pool): Promise<void> {
  const { rows } = await pool.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
  );
  for (const { tablename } of rows) await pool.query(`DROP TABLE IF EXISTS "${tablename}" CASCADE`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
