import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRICS } from '@ledger/domain';
import {
  LeaseExclusivity,
  ProjectionRunner,
  ReportingProjection,
  domainReportingEvents,
} from '@ledger/projections';
import { DataSource } from 'typeorm';
import { ApiTestApp, startApiTestApp } from './support/api-test-app';
import { runCli } from '../support/run-cli';

const PROGRESS =
  /^(reporting|audit-metric-timeline): [\d,]+ events, [\d,]+\/s, (\d+ s|\?) left \(position \d+\/\d+, \S+ (building|active)\)$/;

/**
 * A projection's lines after its progress: its takeover starting at the head, then done.
 * The takeover of a build made from the whole store takes seconds with nothing else to
 * print, so the operator is told it is working.
 */
function expectTakeover(lines: string[], projection: string, version: string, head: number) {
  const own = lines.filter((line) => line.startsWith(`${projection}: `));
  expect(own.at(-2)).toBe(
    `${projection}: caught up at position ${head}; build ${version} is taking over (completing its read models)`,
  );
  expect(own.at(-1)).toMatch(
    new RegExp(`^${projection}: build ${version} took over in \\d+\\.\\d s$`),
  );
  return own.slice(0, -2);
}

/** `npm run cli -- rebuild` while the service holds the data directory (the CLI is its client). */
describe('npm run cli -- rebuild', () => {
  let dataDir: string;
  let api: ApiTestApp;
  let analystKey: string;

  const cli = async (...args: string[]): Promise<string[]> => {
    const outcome = await runCli({ DATA_DIR: dataDir, EVENT_STORE_URL: '' }, ...args);
    expect(outcome).toMatchObject({ code: 0 });
    return outcome.stdout.trimEnd().split('\n');
  };
  const kpis = async () =>
    (
      await api
        .http()
        .get('/v1/kpis?fiscalYear=2023')
        .set('Authorization', `Bearer ${analystKey}`)
        .expect(200)
    ).body;
  const outreach = async () =>
    (
      await api
        .http()
        .get('/v1/measures/3a/metrics?fiscalYear=2023&by=municipality')
        .set('Authorization', `Bearer ${analystKey}`)
        .expect(200)
    ).body;

  /** A rebuild stopped after its first batch of 500, as if interrupted: its build stays `building`. */
  async function interruptRebuild(): Promise<{ version: string; position: number }> {
    const dataSource = api.app.get(DataSource);
    const runner: ProjectionRunner = new ProjectionRunner({
      dataSource,
      eventStore: api.store,
      projection: new ReportingProjection(METRICS, domainReportingEvents),
      exclusivity: new LeaseExclusivity(dataSource, `test:${randomUUID()}`, 10_000),
      batchSize: 500,
      freshBuild: true,
      onBatch: () => void runner.stop(),
    });
    await runner.done();
    const build = runner.build;
    if (!build || build.status !== 'building')
      throw new Error('the interrupted build is not building');
    return { version: build.version, position: build.position };
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ledger-rebuild-'));
    api = await startApiTestApp(dataDir, { demoData: true, projections: true });
    analystKey = await api.createKey({ role: 'analyst', name: 'analyst-1' });
    const head = await api.store.headPosition();
    const deadline = Date.now() + 60_000;
    while (
      (
        await api
          .http()
          .get(`/v1/kpis?fiscalYear=2023&waitForPosition=${head}`)
          .set('Authorization', `Bearer ${analystKey}`)
      ).status !== 200
    ) {
      if (Date.now() > deadline) throw new Error(`projections did not reach ${head}`);
    }
  }, 180_000);

  afterAll(async () => {
    await api.close({ keepDataDir: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('resumes an interrupted rebuild, prints progress, takes over, and the figures stay the same', async () => {
    const before = { kpis: await kpis(), outreach: await outreach() };
    expect(
      before.kpis.kpis.map((k: { kpiId: string; actual: number; grade: string }) => [
        k.kpiId,
        k.actual,
        k.grade,
      ]),
    ).toEqual([
      ['KPI1', 4, 'D'],
      ['KPI2', 23, 'D'],
    ]);
    const interrupted = await interruptRebuild();
    const head = await api.store.headPosition();

    const lines = await cli('rebuild');

    expect(lines[0]).toBe(
      `Resuming the interrupted build ${interrupted.version} of reporting from position ${interrupted.position} (--from-zero starts over)`,
    );
    expect(lines[1]).toBe(
      'Rebuilding reporting and audit-metric-timeline beside the active builds, which keep answering queries',
    );
    const timelineVersion = /^Build (\S+) of audit-metric-timeline/.exec(lines.at(-1) ?? '')?.[1];
    const progress = lines.slice(2, -2);
    const reporting = expectTakeover(progress, 'reporting', interrupted.version, head);
    const timeline = expectTakeover(progress, 'audit-metric-timeline', timelineVersion ?? '', head);
    for (const line of [...reporting, ...timeline]) expect(line).toMatch(PROGRESS);
    expect(reporting.length + timeline.length + 4).toBe(progress.length);
    expect(reporting.at(-1)).toContain(`(position ${head}/${head}, ${interrupted.version} `);
    expect(reporting.at(-1)?.split(' ')[1]).toBe(
      (head - interrupted.position).toLocaleString('en'),
    );
    // The timeline had no interrupted build: it was built from the first event.
    expect(timeline.at(-1)?.split(' ')[1]).toBe(head.toLocaleString('en'));
    expect(timeline.at(-1)).toContain(`(position ${head}/${head}, `);
    expect(lines.at(-2)).toBe(`Build ${interrupted.version} of reporting is now active`);
    expect(lines.at(-1)).toMatch(/^Build \S+ of audit-metric-timeline is now active$/);

    expect(await kpis()).toEqual(before.kpis);
    expect(await outreach()).toEqual(before.outreach);
  }, 180_000);

  it('with --from-zero discards an interrupted build and builds from position 0', async () => {
    const before = await kpis();
    const interrupted = await interruptRebuild();
    const head = await api.store.headPosition();

    const lines = await cli('rebuild', '--from-zero');

    expect(lines[0]).toBe(
      `Discarded the interrupted build ${interrupted.version} of reporting (it had reached position ${interrupted.position})`,
    );
    const active = /^Build (\S+) of reporting is now active$/.exec(lines.at(-2) ?? '')?.[1];
    const reporting = expectTakeover(lines.slice(2, -2), 'reporting', active ?? '', head);
    for (const line of reporting) expect(line).toMatch(PROGRESS);
    expect(reporting.at(-1)?.split(' ')[1]).toBe(head.toLocaleString('en'));
    expect(active).toMatch(/\.r\d+$/);
    expect(active).not.toBe(interrupted.version);
    expect(await kpis()).toEqual(before);
  }, 180_000);
});
