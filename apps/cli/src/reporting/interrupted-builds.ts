import { Projection, dropRetiredBuilds, exclusivityFor } from '@ledger/projections';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface InterruptedBuild {
  version: string;
  position: number;
}

/** Builds of this code left `building` by an earlier rebuild; the next rebuild resumes one. */
export async function interruptedBuilds(
  dataSource: DataSource,
  projection: Projection,
): Promise<InterruptedBuild[]> {
  const rows: { version: string; position: string }[] = await dataSource.query(
    `SELECT version, position FROM projection_versions
      WHERE name = $1 AND code_version = $2 AND status = 'building' ORDER BY started_at`,
    [projection.name, projection.codeVersion],
  );
  return rows.map((row) => ({ version: row.version, position: Number(row.position) }));
}

/** A build another process is still running cannot be discarded; the rebuild is refused. */
export class BuildInUseError extends Error {}

/**
 * Retires an interrupted build and deletes its rows, so `rebuild --from-zero` starts from
 * position 0. Held while it works, so a rebuild running it elsewhere is not cut off.
 */
export async function discardInterruptedBuild(
  dataSource: DataSource,
  projection: Projection,
  build: InterruptedBuild,
): Promise<void> {
  const exclusivity = await exclusivityFor(dataSource, `rebuild-discard:${randomUUID()}`);
  if (!(await exclusivity.tryAcquire(projection.name, build.version))) {
    throw new BuildInUseError(
      `Build ${build.version} is being run by another process; wait for that rebuild to finish`,
    );
  }
  try {
    await dataSource.query(
      `UPDATE projection_versions SET status = 'retired', updated_at = clock_timestamp()
        WHERE name = $1 AND version = $2 AND status = 'building'`,
      [projection.name, build.version],
    );
    await dropRetiredBuilds(dataSource, projection);
  } finally {
    await exclusivity.release(projection.name, build.version);
  }
}
