import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { timedMs } from './latency';

/**
 * The floor any reader of the store is measured against: `SELECT … ORDER BY position` over
 * the whole events table in keyset pages, every column fetched and parsed by `pg`, nothing
 * else done with the rows.
 */
export async function bareSequentialRead(
  pool: Pool,
  pageSize: number,
): Promise<{ events: number; eventsPerSecond: number }> {
  let events = 0;
  const ms = await timedMs(async () => {
    let after = 0;
    for (;;) {
      const { rows } = await pool.query<{ position: string }>(
        `SELECT position, event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at
           FROM event_store.events WHERE position > $1 ORDER BY position LIMIT $2`,
        [after, pageSize],
      );
      if (rows.length === 0) return;
      events += rows.length;
      after = Number(rows[rows.length - 1].position);
    }
  });
  return { events, eventsPerSecond: events / (ms / 1000) };
}

/**
 * `bareSequentialRead` in a Node process of its own, for a figure that also runs in a fresh
 * process (the rebuild CLI): the bench process's heap, grown by the benchmarks before, slows
 * its own reads (80k events/s at 100k in a whole run, against 140k in a fresh process).
 */
export async function bareSequentialReadInFreshProcess(
  url: string,
  pageSize: number,
): Promise<{ events: number; eventsPerSecond: number }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      join(__dirname, 'bare-read.child.ts'),
      url,
      String(pageSize),
    ],
    { maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout) as { events: number; eventsPerSecond: number };
}
