import { MetricDefinition } from './metric-definition';
import {
  StoredActivity,
  activitiesCounted,
  evaluateMetrics,
  liveActivities,
  percentShare,
} from './evaluate-metrics';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const consultation = (
  n: number,
  occurredOn: string,
  extra: Record<string, unknown> = {},
): StoredActivity => ({
  id: id(n),
  type: 'ConsultationHandled',
  schemaVersion: 2,
  data: {
    occurredOn,
    bodyId: 'peer-support-center',
    channel: 'phone',
    iceAgeGeneration: true,
    ...extra,
  },
});

const retraction = (n: number, eventId: string): StoredActivity => ({
  id: id(n),
  type: 'RecordRetracted',
  schemaVersion: 1,
  data: {
    occurredOn: '2023-07-01',
    bodyId: 'peer-support-center',
    eventId,
    reason: 'duplicate entry',
  },
});

const consultations: MetricDefinition = {
  id: 'consultations',
  measureId: '3b',
  label: '相談件数',
  eventTypes: ['ConsultationHandled'],
  filter: { iceAgeGeneration: true },
  aggregate: { kind: 'count' },
  unit: '件',
};
const inPerson: MetricDefinition = {
  ...consultations,
  id: 'in-person',
  filter: { channel: 'in_person' },
};
const people: MetricDefinition = {
  ...consultations,
  id: 'people',
  filter: undefined,
  aggregate: { kind: 'countDistinct', field: 'personId' },
};
const attendees: MetricDefinition = {
  id: 'attendees',
  measureId: '3c',
  label: '参加者数',
  eventTypes: ['MeetingHeld'],
  filter: { kind: 'liaison' },
  aggregate: { kind: 'sum', field: 'attendees' },
  unit: '名',
};

describe('evaluateMetrics', () => {
  const fy2023 = { fiscalYear: 2023 };

  it('counts, sums and counts distinct, within the fiscal year the activity occurred in', () => {
    const events = [
      consultation(1, '2023-04-01', { personId: 'psc-0001a' }),
      consultation(2, '2024-03-31', { personId: 'psc-0001a' }),
      consultation(3, '2023-03-31', { personId: 'psc-0002b' }),
      consultation(4, '2023-05-10', { iceAgeGeneration: false, personId: 'psc-0003c' }),
      {
        id: id(5),
        type: 'MeetingHeld',
        schemaVersion: 1,
        data: {
          occurredOn: '2023-06-08',
          bodyId: 'regional-support-center',
          kind: 'liaison',
          title: '連絡会議',
          blockId: 'central',
          attendees: 31,
        },
      },
      {
        id: id(6),
        type: 'MeetingHeld',
        schemaVersion: 1,
        data: {
          occurredOn: '2023-06-16',
          bodyId: 'regional-support-center',
          kind: 'liaison',
          title: '連絡会議',
          blockId: 'west',
          attendees: 29,
        },
      },
    ];
    expect(evaluateMetrics(events, [consultations, people, attendees], fy2023)).toEqual({
      consultations: 2,
      people: 2,
      attendees: 60,
    });
    expect(
      evaluateMetrics(events, [consultations], { fiscalYear: 2023, fromFiscalYear: 2022 }),
    ).toEqual({
      consultations: 3,
    });
  });

  it('drops a retracted event from every figure', () => {
    const events = [
      consultation(1, '2023-06-01'),
      consultation(2, '2023-06-01'),
      retraction(3, id(2)),
    ];
    expect(evaluateMetrics(events, [consultations], fy2023)).toEqual({ consultations: 1 });
  });

  it('counts a superseding event instead of the one it corrects, even across fiscal years', () => {
    const events = [
      consultation(1, '2023-03-30'),
      consultation(2, '2023-04-03', { supersedes: id(1), channel: 'in_person' }),
    ];
    expect(evaluateMetrics(events, [consultations, inPerson], fy2023)).toEqual({
      consultations: 1,
      'in-person': 1,
    });
    expect(evaluateMetrics(events, [consultations], { fiscalYear: 2022 })).toEqual({
      consultations: 0,
    });
  });

  it('does not revive the original when its correction is retracted', () => {
    const events = [
      consultation(1, '2023-06-01'),
      consultation(2, '2023-06-01', { supersedes: id(1) }),
      retraction(3, id(2)),
    ];
    expect(liveActivities(events)).toEqual([]);
  });

  it('reads stored v1 events through the upcaster and ignores events that are not activities', () => {
    const v1: StoredActivity = {
      id: id(1),
      type: 'ConsultationHandled',
      schemaVersion: 1,
      data: { occurredOn: '2023-04-05', bodyId: 'peer-support-center', iceAgeGeneration: true },
    };
    const planEvent: StoredActivity = {
      id: id(2),
      type: 'KpiDefined',
      schemaVersion: 1,
      data: { kpiId: 'KPI1' },
    };
    expect(evaluateMetrics([v1, planEvent], [consultations, inPerson], fy2023)).toEqual({
      consultations: 1,
      'in-person': 1,
    });
  });

  it('scopes to a date within the year and to a set of municipalities', () => {
    const events = [
      consultation(1, '2023-06-01', { municipalityCode: '39201' }),
      consultation(2, '2023-09-01', { municipalityCode: '39412' }),
      consultation(3, '2023-06-02'),
    ];
    expect(
      evaluateMetrics(events, [consultations], { fiscalYear: 2023, asOf: '2023-06-30' }),
    ).toEqual({
      consultations: 2,
    });
    expect(
      activitiesCounted(liveActivities(events), consultations, {
        fiscalYear: 2023,
        municipalityCodes: ['39412'],
      }).map((a) => a.id),
    ).toEqual([id(2)]);
  });

  it('prints shares as whole percentages', () => {
    expect(percentShare(51, 300)).toBe(17);
    expect(percentShare(45, 300)).toBe(15);
    expect(percentShare(1, 0)).toBeNull();
  });
});
