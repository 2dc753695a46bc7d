import { REPORTING_PROJECTION } from '@ledger/projections';
import { SqlRunner } from '../persistence/audit-database';
import { METRIC_TIMELINE_PROJECTION } from '../timeline/metric-timeline.projection';

export interface ProjectionBuild {
  version: string;
  /** The last position the build has applied. */
  position: number;
}

/** A read model the audit answers come from has no active build yet. */
export class ReportingNotReadyError extends Error {
  readonly code = 'read-model-not-ready';
  constructor(projection: string) {
    super(`The ${projection} read model is still being built for the first time`);
  }
}

export async function activeBuild(
  database: SqlRunner,
  projection: string,
): Promise<ProjectionBuild> {
  const [row] = await database.query<{ version: string; position: string }>(
    `SELECT version, position FROM projection_versions WHERE name = $1 AND status = 'active'`,
    [projection],
  );
  if (!row) throw new ReportingNotReadyError(projection);
  return { version: row.version, position: Number(row.position) };
}

export const activeReportingBuild = (database: SqlRunner) =>
  activeBuild(database, REPORTING_PROJECTION);
export const activeTimelineBuild = (database: SqlRunner) =>
  activeBuild(database, METRIC_TIMELINE_PROJECTION);
