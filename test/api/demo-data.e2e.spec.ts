import {
  ACTIVITY_TYPE_NAMES,
  METRICS,
  evaluateMetrics,
  fy2023DemoActivities,
} from '@ledger/domain';
import { StoredEvent } from '@ledger/event-store';
import { ApiTestApp, startApiTestApp } from './support/api-test-app';

const activityTypes: ReadonlySet<string> = new Set(ACTIVITY_TYPE_NAMES);

async function storedActivities(api: ApiTestApp): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for (;;) {
    const page = await api.store.readAll({ after: all.at(-1)?.position ?? 0, maxCount: 1000 });
    if (page.length === 0) break;
    all.push(...page);
  }
  return all.filter((event) => activityTypes.has(event.type));
}

describe('FY2023 demo data recorded at start-up', () => {
  let api: ApiTestApp;

  beforeAll(async () => {
    api = await startApiTestApp(undefined, { demoData: true });
  }, 180_000);

  afterAll(() => api.close());

  it('records every demo activity, as the demo states it, for its body, by system:demo', async () => {
    const demo = fy2023DemoActivities();
    const stored = await storedActivities(api);

    expect(
      stored.map((event) => ({
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        bodyId: event.metadata.bodyId,
      })),
    ).toEqual(demo);
    expect(new Set(stored.map((event) => event.metadata.recordedBy))).toEqual(
      new Set(['system:demo']),
    );
  });

  it('reproduces, from the store, every figure the demo reproduces', async () => {
    const stored = (await storedActivities(api)).map((event) => ({
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
    }));

    const fromStore = evaluateMetrics(stored, METRICS, { fiscalYear: 2023 });

    expect(fromStore).toEqual(
      evaluateMetrics(fy2023DemoActivities(), METRICS, { fiscalYear: 2023 }),
    );
    expect([
      fromStore['kpi1-ice-age-social-participation'],
      fromStore['kpi2-festa-ice-age-learned-of-desk'],
    ]).toEqual([4, 23]);
  });

  it('does not record the demo again when the store is not empty', async () => {
    const head = await api.store.headPosition();

    await startUpAgain(api);

    expect(await api.store.headPosition()).toBe(head);
  });
});

async function startUpAgain(api: ApiTestApp): Promise<void> {
  const { startUp } = await import('../../apps/api/src/start-up/start-up');
  await startUp(api.app, { demoData: true });
}
