import { DataSource } from 'typeorm';
import { Projection } from './projection';

/**
 * Deletes the rows of every retired build of `projection` not yet marked dropped: the one a
 * takeover or a discard has just retired, and any whose removal an earlier one did not
 * finish (a crash, a failed statement). Outside any transaction, as `dropVersion` requires.
 */
export async function dropRetiredBuilds(
  dataSource: DataSource,
  projection: Projection,
): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    const retired: { version: string }[] = await runner.query(
      `SELECT version FROM projection_versions
        WHERE name = $1 AND status = 'retired' AND dropped_at IS NULL ORDER BY started_at`,
      [projection.name],
    );
    for (const { version } of retired) {
      await projection.dropVersion(version, runner);
      await runner.query(
        `UPDATE projection_versions SET dropped_at = clock_timestamp()
          WHERE name = $1 AND version = $2`,
        [projection.name, version],
      );
    }
  } finally {
    await runner.release();
  }
}
