import { DataSource } from 'typeorm';
import { REPORTING_PROJECTION } from '../reporting/reporting.projection';

const POLL_MS = 10;

/**
 * Read-your-writes across processes: true once the active build of the projection has
 * applied the event at `position` (as returned by the write API), false after `timeoutMs`.
 */
export async function waitForProjectionPosition(
  dataSource: DataSource,
  position: number,
  timeoutMs: number,
  projection = REPORTING_PROJECTION,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows: { position: string }[] = await dataSource.query(
      `SELECT position FROM projection_versions WHERE name = $1 AND status = 'active'`,
      [projection],
    );
    if (rows.length > 0 && Number(rows[0].position) >= position) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, deadline - Date.now())));
  }
}
