import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  LeaseExclusivity,
  Projection,
  ProjectionRunner,
  ReportingProjection,
} from '@ledger/projections';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import { MetricReportReader } from '../../libs/projections/src/queries/metric-report.reader';
import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../support/postgres-test-database';
import { openProjectionTestStores, ProjectionTestStores } from './support/projection-test-stores';
import { SAMPLE_EVENTS, SAMPLE_METRICS, visit } from './support/sample-reporting-events';

/** Longer than any test here runs: a poll this far apart can explain nothing a test sees. */
const NEVER_MS = 600_000;

describeWithPostgres('projection runner once caught up', () => {
  let database: TestDatabase;
  let stores: ProjectionTestStores | undefined;
  let runner: ProjectionRunner | undefined;

  // Creating and dropping a database takes seconds on a loaded machine.
  beforeEach(async () => {
    database = await createTestDatabase();
  }, 30_000);
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await stores?.close();
    stores = undefined;
    await database.drop();
  }, 30_000);

  function startRunner(stores: ProjectionTestStores, idlePollMs: number): ProjectionRunner {
    runner = new ProjectionRunner({
      dataSource: stores.dataSource,
      eventStore: stores.eventStore,
      projection: new ReportingProjection(SAMPLE_METRICS, SAMPLE_EVENTS),
      exclusivity: new LeaseExclusivity(stores.dataSource, randomUUID(), 5_000),
      idlePollMs,
    });
    runner.start();
    return runner;
  }

  async function visitTotals(stores: ProjectionTestStores): Promise<[string, number][]> {
    const totals = await new MetricReportReader(stores.dataSource, SAMPLE_METRICS).totals(2023);
    return totals.map((figure) => [figure.metricId, figure.value]);
  }

  it('applies an append as the store announces it, without waiting for a poll', async () => {
    const opened = (stores = await openProjectionTestStores(database.url));
    const first = await opened.eventStore.append('visits-1', [visit('2023-05-01', '39403', 30)]);
    const live = startRunner(opened, NEVER_MS);
    expect(await live.waitForPosition(first.positions[0], 10_000)).toBe(true);

    const later = await opened.eventStore.append('visits-2', [
      visit('2023-06-01', '39402', 15),
      visit('2023-06-02', '39402', 20),
    ]);
    expect(await live.waitForPosition(later.positions[1], 10_000)).toBe(true);
    expect(await visitTotals(opened)).toEqual([
      ['visits', 3],
      ['visit-minutes', 65],
      ['ice-age-people', 0],
    ]);
  }, 30_000);

  it('stops at once when stopped while it reads, though its next poll is far off', async () => {
    const opened = (stores = await openProjectionTestStores(database.url));
    const { eventStore } = opened;
    const first = await eventStore.append('visits-1', [visit('2023-05-01', '39403', 30)]);
    const live = startRunner(opened, NEVER_MS);
    expect(await live.waitForPosition(first.positions[0], 10_000)).toBe(true);

    // Hold the runner's next read, made once it has applied the append below.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reading!: () => void;
    const reached = new Promise<void>((resolve) => (reading = resolve));
    const readAll = eventStore.readAll.bind(eventStore);
    eventStore.readAll = async (options) => {
      reading();
      await held;
      return readAll(options);
    };
    await eventStore.append('visits-2', [visit('2023-06-01', '39402', 15)]);
    await reached;

    const stopped = live.stop().then(() => 'stopped');
    release();
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      stopped,
      new Promise((resolve) => (timer = setTimeout(resolve, 10_000, 'still waiting'))),
    ]);
    clearTimeout(timer);
    expect(outcome).toBe('stopped');
  }, 30_000);

  it('finds by polling an append whose wake-up never reaches it', async () => {
    // The runner's store neither listens nor polls on its own; the append comes through
    // another store (another process, as it were), so only the runner's poll can find it.
    const opened = (stores = await openProjectionTestStores(database.url, false, {
      pollIntervalMs: NEVER_MS,
    }));
    const writerPool = new Pool({ connectionString: database.url, max: 1 });
    const writer = new PostgresEventStore(writerPool, { liveNotifications: false });
    try {
      const first = await opened.eventStore.append('visits-1', [visit('2023-05-01', '39403', 30)]);
      const live = startRunner(opened, 20);
      expect(await live.waitForPosition(first.positions[0], 10_000)).toBe(true);
      // Past its catch-up, so the feed's first read is over before the append.
      await new Promise((resolve) => setTimeout(resolve, 200));

      const { positions } = await writer.append('visits-2', [visit('2023-06-01', '39402', 15)]);
      expect(await live.waitForPosition(positions[0], 10_000)).toBe(true);
      expect(await visitTotals(opened)).toEqual([
        ['visits', 2],
        ['visit-minutes', 45],
        ['ice-age-people', 0],
      ]);
    } finally {
      await writer.close();
      await writerPool.end();
    }
  }, 30_000);

  it('keeps the active build current while a rebuild completes its takeover', async () => {
    const opened = (stores = await openProjectionTestStores(database.url));
    const first = await opened.eventStore.append('visits-1', [visit('2023-05-01', '39403', 30)]);
    const live = startRunner(opened, 20);
    expect(await live.waitForPosition(first.positions[0], 10_000)).toBe(true);

    // A rebuild of the same code whose completion is held open, as a large one's lasts.
    const rebuilt = new ReportingProjection(SAMPLE_METRICS, SAMPLE_EVENTS);
    let completing!: () => void;
    const inCompletion = new Promise<void>((resolve) => (completing = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held: Projection = {
      name: rebuilt.name,
      codeVersion: rebuilt.codeVersion,
      createVersion: (...args) => rebuilt.createVersion(...args),
      apply: (...args) => rebuilt.apply(...args),
      dropVersion: (...args) => rebuilt.dropVersion(...args),
      completeVersion: async (version, transaction) => {
        await rebuilt.completeVersion(version, transaction);
        completing();
        await released;
      },
    };
    const rebuild = new ProjectionRunner({
      dataSource: opened.dataSource,
      eventStore: opened.eventStore,
      projection: held,
      exclusivity: new LeaseExclusivity(opened.dataSource, randomUUID(), 5_000),
      freshBuild: true,
      stopWhenCaughtUp: true,
    });
    const rebuilding = rebuild.done();
    try {
      await inCompletion;
      const during = await opened.eventStore.append('visits-2', [visit('2023-06-01', '39402', 15)]);
      expect(await live.waitForPosition(during.positions[0], 3_000)).toBe(true);
      expect(await visitTotals(opened)).toEqual([
        ['visits', 2],
        ['visit-minutes', 45],
        ['ice-age-people', 0],
      ]);
    } finally {
      release();
      await rebuilding;
    }

    // The new build took over with the append above applied: the figures did not step back.
    expect(await visitTotals(opened)).toEqual([
      ['visits', 2],
      ['visit-minutes', 45],
      ['ice-age-people', 0],
    ]);
    // The live runner carries the new build on.
    const after = await opened.eventStore.append('visits-3', [visit('2023-07-01', '39402', 5)]);
    expect(await live.waitForPosition(after.positions[0], 10_000)).toBe(true);
    expect(live.build?.version).toBe(rebuild.build?.version);
    expect(await visitTotals(opened)).toEqual([
      ['visits', 3],
      ['visit-minutes', 50],
      ['ice-age-people', 0],
    ]);
  }, 30_000);
});
