import {
  DemoActivity,
  fy2023DemoActivities,
  initialPlanEvents,
  METRICS,
  PLAN_EVENT_SCHEMA_VERSION,
  PLAN_STREAM,
  percentShare,
} from '@ledger/domain';
import { EventStore, NewEvent } from '@ledger/event-store';
import {
  domainReportingEvents,
  KpiReportReader,
  LeaseExclusivity,
  MetricReportReader,
  ProjectionRunner,
  ReportingProjection,
} from '@ledger/projections';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** Every figure of the FY2023 report (DOMAIN.md, from the seed), by metric id. */
export const SEED_FY2023_FIGURES: Readonly<Record<string, number>> = {
  'municipalities-surveyed': 7,
  'top-seminars': 1,
  'block-exchange-meetings': 7,
  'block-exchange-municipalities': 33,
  'adviser-dispatch-municipalities': 5,
  'integrated-programme-municipalities': 19,
  'integrated-programme-intending-municipalities': 24,
  'festa-participants': 468,
  'declaration-signatories': 102,
  'declaration-signatories-at-festa': 98,
  'declaration-district-welfare-councils-at-festa': 42,
  'declaration-companies-at-festa': 56,
  'kpi2-festa-ice-age-learned-of-desk': 23,
  'outreach-home-visits': 228,
  'outreach-person-contacts': 357,
  'outreach-family-contacts': 98,
  'outreach-support-plans': 1,
  'peer-consultations-ice-age': 283,
  'peer-referrals': 1,
  'liaison-meeting-attendees-central': 31,
  'liaison-meeting-attendees-west': 29,
  'liaison-meeting-attendees-east': 41,
  'training-completions-chief-consultation-support-worker': 2,
  'training-completions-consultation-support-worker': 4,
  'training-completions-employment-support-worker': 3,
  'training-completions-household-finance-support-worker': 5,
  'training-completions-theme-isolation-outreach': 2,
  'training-completions-theme-children-families': 2,
  'training-completions-national-later-part': 27,
  'prefectural-training-attendees-round-1': 56,
  'prefectural-training-attendees-round-2': 51,
  'difficult-case-training-venues': 3,
  'difficult-case-training-attendees': 44,
  'place-subsidies': 4,
  'community-centers-offering-place': 7,
  'community-centers-offering-work-experience': 4,
  'work-experience-bases': 3,
  'work-experience-participants': 19,
  'kpi1-ice-age-social-participation': 4,
  'employment-started': 11,
  'employment-started-ice-age': 2,
  'employment-started-agriculture': 6,
  'employment-started-fisheries': 1,
  'employment-started-wholesale': 1,
  'employment-started-care': 1,
  'employment-started-sales': 1,
  'employment-started-security-services': 1,
  'employer-visits': 130,
  'employers-visited': 72,
  'workplaces-developed': 64,
};

/** Records the plan and the FY2023 demo activities through the port, as the api would. */
export async function recordSeed(eventStore: EventStore): Promise<number> {
  const plan: NewEvent[] = initialPlanEvents().map((event) => ({
    id: randomUUID(),
    type: event.type,
    schemaVersion: PLAN_EVENT_SCHEMA_VERSION,
    data: { ...event.data } as Record<string, unknown>,
    metadata: { recordedBy: 'seed-test' },
  }));
  await eventStore.append(PLAN_STREAM, plan, 'no_stream');
  let last = 0;
  for (const { streamId, events } of groupByStream(fy2023DemoActivities())) {
    const result = await eventStore.append(streamId, events);
    last = Math.max(last, ...result.positions);
  }
  return last;
}

/** As the api records them: per recording body, in appends of at most 500. */
function groupByStream(
  activities: readonly DemoActivity[],
): { streamId: string; events: NewEvent[] }[] {
  const byBody = new Map<string, NewEvent[]>();
  for (const activity of activities) {
    const events = byBody.get(activity.bodyId) ?? [];
    events.push({
      id: activity.id,
      type: activity.type,
      schemaVersion: activity.schemaVersion,
      data: { ...activity.data },
      metadata: { recordedBy: 'seed-test', bodyId: activity.bodyId },
    });
    byBody.set(activity.bodyId, events);
  }
  return [...byBody].flatMap(([bodyId, events]) =>
    Array.from({ length: Math.ceil(events.length / 500) }, (_, i) => ({
      streamId: `activities-${bodyId}`,
      events: events.slice(i * 500, (i + 1) * 500),
    })),
  );
}

/** Runs the reporting projection to the head of the store once. */
export async function projectToHead(dataSource: DataSource, eventStore: EventStore): Promise<void> {
  const runner = new ProjectionRunner({
    dataSource,
    eventStore,
    projection: new ReportingProjection(METRICS, domainReportingEvents),
    exclusivity: new LeaseExclusivity(dataSource, randomUUID(), 10_000),
    stopWhenCaughtUp: true,
  });
  await runner.done();
}

export async function readSeedFigures(dataSource: DataSource) {
  const metrics = new MetricReportReader(dataSource, METRICS);
  const totals = Object.fromEntries(
    (await metrics.totals(2023)).map((figure) => [figure.metricId, figure.value]),
  );
  const kpis = await new KpiReportReader(dataSource, METRICS).kpis(2023, '2024-06-30');
  const survey = {
    hikikomori: percentShare(
      totals['festa-survey-top-issue-hikikomori'],
      totals['festa-survey-answers'],
    ),
    isolation: percentShare(
      totals['festa-survey-top-issue-isolation'],
      totals['festa-survey-answers'],
    ),
  };
  return { totals, kpis, survey, metrics };
}
