import { randomUUID } from 'node:crypto';
import { LeaseExclusivity, ProjectionRunner, ReportingProjection } from '@ledger/projections';
import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../support/postgres-test-database';
import { openProjectionTestStores, ProjectionTestStores } from './support/projection-test-stores';
import { readModelContents, spawnProjector, waitForCheckpoint } from './support/projector-process';
import { sampleIngestion } from './support/sample-ingestion';
import { SAMPLE_EVENTS, SAMPLE_METRICS } from './support/sample-reporting-events';

describeWithPostgres('projector killed with SIGKILL during ingestion', () => {
  let database: TestDatabase;
  let stores: ProjectionTestStores;

  beforeAll(async () => {
    database = await createTestDatabase();
    stores = await openProjectionTestStores(database.url);
  });
  afterAll(async () => {
    await stores.close();
    await database.drop();
  });

  it('ends, after restarts, with read models identical to a clean rebuild', async () => {
    let ingesting = true;
    const ingestion = (async () => {
      let stream = 0;
      for (const events of sampleIngestion(100_000, 500)) {
        await stores.eventStore.append(`sample-${stream++ % 50}`, events);
      }
      ingesting = false;
    })();

    let kills = 0;
    let killedMidRun = 0;
    while (ingesting || kills < 4) {
      const projector = spawnProjector(database.url);
      // Kill it at a random moment: once in a while as it starts, usually mid-batch (a
      // process takes seconds to start here, so wait for its first batch first).
      if (kills % 4 !== 3)
        await until(() => projector.lines.some((line) => 'toPosition' in line), 30_000);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 800));
      projector.child.kill('SIGKILL');
      await projector.exited;
      kills++;
      if (projector.lines.some((line) => 'toPosition' in line)) killedMidRun++;
    }
    await ingestion;

    const finalRun = spawnProjector(database.url);
    const head = await stores.eventStore.headPosition();
    await waitForCheckpoint(stores.dataSource, head, 90_000);
    finalRun.child.kill('SIGTERM');
    await finalRun.exited;

    const [{ version: crashed }] = await stores.dataSource.query(
      `SELECT version FROM projection_versions WHERE name = 'reporting' AND status = 'active'`,
    );
    const afterCrashes = await readModelContents(stores.dataSource, crashed);

    const rebuild = new ProjectionRunner({
      dataSource: stores.dataSource,
      eventStore: stores.eventStore,
      projection: new ReportingProjection(SAMPLE_METRICS, SAMPLE_EVENTS),
      exclusivity: new LeaseExclusivity(stores.dataSource, randomUUID(), 5_000),
      batchSize: 5_000,
      freshBuild: true,
      stopWhenCaughtUp: true,
    });
    await rebuild.done();
    const clean = rebuild.build?.version as string;
    expect(clean).not.toBe(crashed);
    expect(killedMidRun).toBeGreaterThanOrEqual(3);
    expect(await readModelContents(stores.dataSource, clean)).toEqual(afterCrashes);
    const [facts] = await stores.dataSource.query(
      `SELECT count(*)::int AS n FROM activity_facts WHERE projection_version = $1`,
      [clean],
    );
    expect(facts.n).toBe(90_000);
  }, 180_000);
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the projector never applied a batch');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
