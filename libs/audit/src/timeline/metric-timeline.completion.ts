import { MetricDefinition } from '@ledger/domain';
import { QueryRunner } from 'typeorm';
import { timelinePartitionOf } from './metric-timeline.partitions';

/**
 * Folds a building build's fact log into its values and members in one statement, by the
 * rules the live fold (`MetricTimelineProjection.fold`) applies batch by batch, so both
 * end with the same rows:
 *
 * - a fact counts from its position unless it was dropped before it arrived; a drop
 *   (retraction or supersession) counts only the first time its target is named, and
 *   removes the fact's contributions at its own position if the fact had counted;
 * - a member row holds the member's count of live activities, for every member that ever
 *   counted; a distinct count moves at a position by the members whose count crossed zero
 *   over that event;
 * - a value row is the value after each event whose net change to it is not zero.
 */
export async function completeTimelineBuild(
  metrics: readonly MetricDefinition[],
  version: string,
  tx: QueryRunner,
): Promise<void> {
  const contributions = timelinePartitionOf('audit_timeline_contributions', version);
  const drops = timelinePartitionOf('audit_timeline_drops', version);
  // Every logged row is sorted and hashed once or twice; let it happen in memory.
  await tx.query(`SET LOCAL work_mem = '128MB'`);
  await tx.query(
    `WITH spec AS (
       SELECT * FROM unnest($2::text[]) WITH ORDINALITY AS s(metric_id, ordinal)
     ), first_drop AS MATERIALIZED (
       SELECT target_event_id AS event_id, min(position) AS position FROM ${drops} GROUP BY target_event_id
     ), applied AS MATERIALIZED (
       SELECT c.position, c.metric_ordinal, c.fiscal_year, c.member, c.amount, d.position AS dropped_at
         FROM ${contributions} c LEFT JOIN first_drop d USING (event_id)
        WHERE d.position IS NULL OR d.position >= c.position
     ), member_net AS MATERIALIZED (
       SELECT metric_ordinal, fiscal_year, member, position, sum(sign)::int AS net
         FROM (SELECT metric_ordinal, fiscal_year, member, position, 1 AS sign FROM applied WHERE member IS NOT NULL
               UNION ALL
               SELECT metric_ordinal, fiscal_year, member, dropped_at, -1 FROM applied WHERE member IS NOT NULL AND dropped_at IS NOT NULL) d
        GROUP BY 1, 2, 3, 4
     ), members AS (
       INSERT INTO ${timelinePartitionOf('audit_timeline_members', version)} (projection_version, metric_id, fiscal_year, member, refcount)
       SELECT $1, s.metric_id, m.fiscal_year, m.member, sum(m.net)::int
         FROM member_net m JOIN spec s ON s.ordinal = m.metric_ordinal
        GROUP BY s.metric_id, m.fiscal_year, m.member
     ), crossing AS (
       SELECT metric_ordinal, fiscal_year, position, (after > 0)::int - (after - net > 0)::int AS change
         FROM (SELECT *, sum(net) OVER (PARTITION BY metric_ordinal, fiscal_year, member ORDER BY position) AS after
                 FROM member_net) r
     ), change AS (
       SELECT metric_ordinal, fiscal_year, position, sum(change)::numeric AS change FROM crossing GROUP BY 1, 2, 3
       UNION ALL
       -- An event adds at most one amount to a metric and drops at most one: the few
       -- events that do both (supersessions) are found by joining the drops to the adds.
       SELECT metric_ordinal, fiscal_year, position, coalesce(added.amount, 0) - coalesce(removed.amount, 0)
         FROM (SELECT metric_ordinal, fiscal_year, position, amount FROM applied WHERE member IS NULL) added
         FULL JOIN (SELECT metric_ordinal, fiscal_year, dropped_at AS position, amount FROM applied
                     WHERE member IS NULL AND dropped_at IS NOT NULL) removed
        USING (metric_ordinal, fiscal_year, position)
     )
     INSERT INTO ${timelinePartitionOf('audit_timeline_values', version)} (projection_version, metric_id, fiscal_year, position, value)
     SELECT $1, s.metric_id, c.fiscal_year, c.position,
            sum(c.change) OVER (PARTITION BY c.metric_ordinal, c.fiscal_year ORDER BY c.position)
       FROM change c JOIN spec s ON s.ordinal = c.metric_ordinal
      WHERE c.change <> 0`,
    [version, metrics.map((metric) => metric.id)],
  );
}
