import { REPORTING_PROJECTION } from '@ledger/projections';
import { SqlRunner } from '../persistence/audit-database';

export interface ReportingBuild {
  version: string;
  /** The last position the build has applied. */
  position: number;
}

/** The reporting projection has no active build yet, so nothing can be answered. */
export class ReportingNotReadyError extends Error {
  readonly code = 'read-model-not-ready';
  constructor() {
    super('The reporting read model is still being built for the first time');
  }
}

export async function activeReportingBuild(database: SqlRunner): Promise<ReportingBuild> {
  const [row] = await database.query<{ version: string; position: string }>(
    `SELECT version, position FROM projection_versions WHERE name = $1 AND status = 'active'`,
    [REPORTING_PROJECTION],
  );
  if (!row) throw new ReportingNotReadyError();
  return { version: row.version, position: Number(row.position) };
}
