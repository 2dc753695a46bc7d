import { MetricDefinition } from '@ledger/domain';
import { NewEvent, StoredEvent } from '@ledger/event-store';
import { randomUUID } from 'node:crypto';
import {
  ActivityReading,
  ReportingEvents,
} from '../../../libs/projections/src/reporting/reporting-events';

/**
 * A two-event-type vocabulary that exercises the engine without depending on the domain's
 * activity catalogue: visits (counted, summed) and joins (count-distinct of a person).
 */
export const SAMPLE_METRICS: MetricDefinition[] = [
  {
    id: 'visits',
    measureId: 'x',
    label: '訪問',
    unit: '件',
    eventTypes: ['VisitMade'],
    aggregate: { kind: 'count' },
  },
  {
    id: 'visit-minutes',
    measureId: 'x',
    label: '分',
    unit: '分',
    eventTypes: ['VisitMade'],
    aggregate: { kind: 'sum', field: 'minutes' },
  },
  {
    id: 'ice-age-people',
    measureId: 'x',
    label: '人',
    unit: '人',
    eventTypes: ['PersonJoined'],
    filter: { iceAge: true },
    aggregate: { kind: 'countDistinct', field: 'personId' },
  },
];

export const SAMPLE_EVENTS: ReportingEvents<{ names: string[] }> = {
  activity(event: StoredEvent): ActivityReading | undefined {
    if (event.type !== 'VisitMade' && event.type !== 'PersonJoined') return undefined;
    const data = event.data;
    return {
      occurredOn: String(data.occurredOn),
      bodyId: String(data.bodyId),
      municipalityCode: typeof data.municipalityCode === 'string' ? data.municipalityCode : null,
      supersedes: typeof data.supersedes === 'string' ? data.supersedes : null,
      data,
    };
  },
  retractedEventId: (event) =>
    event.type === 'RecordRetracted' ? String(event.data.eventId) : undefined,
  isPlanEvent: (event) => event.type === 'PlanNamed',
  emptyPlan: () => ({ names: [] }),
  evolvePlan: (plan, event) => ({ names: [...plan.names, String(event.data.name)] }),
};

export function visit(
  occurredOn: string,
  municipalityCode: string,
  minutes: number,
  extra: Record<string, unknown> = {},
): NewEvent {
  return sampleEvent('VisitMade', { occurredOn, bodyId: 'b', municipalityCode, minutes, ...extra });
}

export function join(
  occurredOn: string,
  municipalityCode: string,
  personId: string,
  iceAge: boolean,
  extra: Record<string, unknown> = {},
): NewEvent {
  return sampleEvent('PersonJoined', {
    occurredOn,
    bodyId: 'b',
    municipalityCode,
    personId,
    iceAge,
    ...extra,
  });
}

export function retraction(eventId: string): NewEvent {
  return sampleEvent('RecordRetracted', { eventId, reason: 'mistake' });
}

export function sampleEvent(type: string, data: Record<string, unknown>): NewEvent {
  return { id: randomUUID(), type, schemaVersion: 1, data, metadata: { recordedBy: 'test' } };
}
