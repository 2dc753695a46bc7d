import { DataSource } from 'typeorm';
import { waitForProjectionPosition } from './wait-for-projection-position';

/** Longest a query waits for the projections to reach a client's last write. */
export const MAX_CONSISTENCY_WAIT_MS = 5_000;

/** The projections did not reach the asked position in time (HTTP: 503 with Retry-After). */
export class ProjectionLagError extends Error {
  constructor(readonly position: number) {
    super(`The read models have not yet reached position ${position}; retry shortly`);
  }
}

/** Waits, bounded, until the read models include the write at `position` (if given). */
export async function awaitPosition(
  dataSource: DataSource,
  position: number | undefined,
  timeoutMs = MAX_CONSISTENCY_WAIT_MS,
): Promise<void> {
  if (position === undefined) return;
  if (
    !(await waitForProjectionPosition(
      dataSource,
      position,
      Math.min(timeoutMs, MAX_CONSISTENCY_WAIT_MS),
    ))
  ) {
    throw new ProjectionLagError(position);
  }
}
