import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

const ROOT = join(__dirname, '..', '..', '..');
const CHILD = join(__dirname, 'sample-projector.child.ts');

export interface ProjectorProcess {
  child: ChildProcess;
  /** Every JSON line the child printed so far. */
  lines: Record<string, unknown>[];
  exited: Promise<void>;
}

export function spawnProjector(url: string): ProjectorProcess {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', CHILD, url],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    },
  );
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, lines, exited };
}

/** Waits until the active reporting build has applied everything up to `position`. */
export async function waitForCheckpoint(
  dataSource: DataSource,
  position: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows: { position: string }[] = await dataSource.query(
      `SELECT position FROM projection_versions WHERE name = 'reporting' AND status = 'active'`,
    );
    if (rows.length > 0 && Number(rows[0].position) >= position) return;
    if (Date.now() > deadline)
      throw new Error(`checkpoint ${rows[0]?.position} never reached ${position}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Everything the reporting build holds, in a canonical order, for comparing builds. */
export async function readModelContents(dataSource: DataSource, version: string): Promise<unknown> {
  const [counters, members, facts] = await Promise.all([
    dataSource.query(
      `SELECT metric_id, fiscal_year, municipality_code, month, value FROM metric_counters
        WHERE projection_version = $1 AND value <> 0 ORDER BY 1, 2, 3, 4`,
      [version],
    ),
    dataSource.query(
      `SELECT metric_id, fiscal_year, municipality_code, month, member, refcount FROM metric_distinct_members
        WHERE projection_version = $1 AND refcount <> 0 ORDER BY 1, 2, 3, 4, 5`,
      [version],
    ),
    dataSource.query(
      `SELECT count(*)::int AS facts, count(corrected_by_event_id)::int AS corrected,
              md5(string_agg(event_id::text || coalesce(corrected_by_event_id::text, '-'), ',' ORDER BY position)) AS digest
         FROM activity_facts WHERE projection_version = $1`,
      [version],
    ),
  ]);
  return { counters, members, facts };
}
