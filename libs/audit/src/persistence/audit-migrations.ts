import { CreateHashChain1764400000000 } from '../migrations/1764400000000-create-hash-chain.migration';
import { CreateAuditQueryLog1764400000001 } from '../migrations/1764400000001-create-audit-query-log.migration';
import { CreateMetricTimeline1764400000002 } from '../migrations/1764400000002-create-metric-timeline.migration';
import { CreateTimelineFactLog1764400000003 } from '../migrations/1764400000003-create-timeline-fact-log.migration';
import { PartitionTimelineValues1764400000004 } from '../migrations/1764400000004-partition-timeline-values.migration';
import { PartitionTimelineMembers1764400000005 } from '../migrations/1764400000005-partition-timeline-members.migration';

export const AUDIT_MIGRATIONS = [
  CreateHashChain1764400000000,
  CreateAuditQueryLog1764400000001,
  CreateMetricTimeline1764400000002,
  CreateTimelineFactLog1764400000003,
  PartitionTimelineValues1764400000004,
  PartitionTimelineMembers1764400000005,
];
