import { ProjectionVersionEntity } from './engine/projection-version.entity';
import { CreateReadModels1764201600000 } from './migrations/1764201600000-create-read-models.migration';
import { PartitionActivityFacts1764979200000 } from './migrations/1764979200000-partition-activity-facts.migration';
import { PartitionMetricDistinctMembers1765065600000 } from './migrations/1765065600000-partition-metric-distinct-members.migration';
import { PlanSnapshotsByPosition1765152000000 } from './migrations/1765152000000-plan-snapshots-by-position.migration';
import { ProjectionVersionsDroppedAt1765238400000 } from './migrations/1765238400000-projection-versions-dropped-at.migration';
import { ActivityCorrectionEntity } from './reporting/activity-correction.entity';
import { ActivityFactEntity } from './reporting/activity-fact.entity';
import { MetricCounterEntity } from './reporting/metric-counter.entity';
import { MetricDistinctMemberEntity } from './reporting/metric-distinct-member.entity';
import { PlanSnapshotEntity } from './reporting/plan-snapshot.entity';

/** For the api's DataSource: the read side's tables, created only by these migrations. */
export const PROJECTION_ENTITIES = [
  ProjectionVersionEntity,
  ActivityFactEntity,
  ActivityCorrectionEntity,
  MetricCounterEntity,
  MetricDistinctMemberEntity,
  PlanSnapshotEntity,
];

export const PROJECTION_MIGRATIONS = [
  CreateReadModels1764201600000,
  PartitionActivityFacts1764979200000,
  PartitionMetricDistinctMembers1765065600000,
  PlanSnapshotsByPosition1765152000000,
  ProjectionVersionsDroppedAt1765238400000,
];
