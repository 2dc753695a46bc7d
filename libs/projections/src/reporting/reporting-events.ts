import { StoredEvent } from '@ledger/event-store';

/** An activity as the reporting projection keeps it. */
export interface ActivityReading {
  occurredOn: string;
  bodyId: string | null;
  municipalityCode: string | null;
  /** Id of the earlier event this one replaces. */
  supersedes: string | null;
  /** The event's data in its current schema. */
  data: Readonly<Record<string, unknown>>;
}

/**
 * How the reporting projection reads stored events; the domain decides what is an
 * activity, a retraction or a plan change (see `domainReportingEvents`).
 */
export interface ReportingEvents<Plan> {
  activity(event: StoredEvent): ActivityReading | undefined;
  /** The id of the event a retraction withdraws, when `event` is one. */
  retractedEventId(event: StoredEvent): string | undefined;
  isPlanEvent(event: StoredEvent): boolean;
  emptyPlan(): Plan;
  evolvePlan(plan: Plan, event: StoredEvent): Plan;
}
