import {
  PLAN_STREAM,
  PlanEvent,
  PlanState,
  emptyPlan,
  evolvePlan,
  isActivityType,
  upcastActivity,
} from '@ledger/domain';
import { StoredEvent } from '@ledger/event-store';
import { ActivityReading, ReportingEvents } from './reporting-events';

/** The domain's reading of stored events: activity catalogue, retractions and the plan. */
export const domainReportingEvents: ReportingEvents<PlanState> = {
  activity(event: StoredEvent): ActivityReading | undefined {
    if (event.type === 'RecordRetracted' || !isActivityType(event.type)) return undefined;
    const { data } = upcastActivity(event.type, event.schemaVersion, event.data);
    const fields = data as Readonly<Record<string, unknown>>;
    return {
      occurredOn: String(fields.occurredOn),
      bodyId: typeof fields.bodyId === 'string' ? fields.bodyId : null,
      municipalityCode:
        typeof fields.municipalityCode === 'string' ? fields.municipalityCode : null,
      supersedes: typeof fields.supersedes === 'string' ? fields.supersedes : null,
      data: fields,
    };
  },
  retractedEventId(event: StoredEvent): string | undefined {
    if (event.type !== 'RecordRetracted') return undefined;
    const { data } = upcastActivity(event.type, event.schemaVersion, event.data);
    return 'eventId' in data ? String(data.eventId) : undefined;
  },
  isPlanEvent: (event) => event.streamId === PLAN_STREAM,
  emptyPlan,
  evolvePlan: (plan, event) =>
    evolvePlan(plan, { type: event.type, data: event.data } as PlanEvent),
};
