import { SqlRunner } from '../persistence/audit-database';
import { AsOf } from './as-of';
import { ProjectionBuild, activeReportingBuild, activeTimelineBuild } from './reporting-build';

/** Where a question cuts the global order, and the builds that answer it. */
export interface ResolvedCut {
  /** Nothing after this position counts. */
  throughPosition: number;
  reporting: ProjectionBuild;
  timeline: ProjectionBuild;
}

/**
 * "Known at T" is the longest prefix of the global order whose events were all recorded
 * by T (the store's order is the order it learned things in; a recording time that runs
 * backwards never lets a later event in early). It is bounded by the position asked for
 * and by what both read models have applied, so a lagging projector never gives half an
 * answer.
 */
export async function resolveCut(database: SqlRunner, asOf: AsOf): Promise<ResolvedCut> {
  const [reporting, timeline] = await Promise.all([
    activeReportingBuild(database),
    activeTimelineBuild(database),
  ]);
  let throughPosition = Math.min(
    reporting.position,
    timeline.position,
    asOf.throughPosition ?? Number.MAX_SAFE_INTEGER,
  );
  if (asOf.knownAt !== undefined) {
    const [row] = await database.query<{ through_position: string }>(
      `SELECT through_position FROM audit_timeline_clock
        WHERE projection_version = $1 AND recorded_max <= $2 ORDER BY recorded_max DESC LIMIT 1`,
      [timeline.version, asOf.knownAt],
    );
    throughPosition = Math.min(throughPosition, row ? Number(row.through_position) : 0);
  }
  return { throughPosition, reporting, timeline };
}
