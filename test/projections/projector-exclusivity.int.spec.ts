import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../support/postgres-test-database';
import { openProjectionTestStores, ProjectionTestStores } from './support/projection-test-stores';
import { spawnProjector, waitForCheckpoint } from './support/projector-process';
import { sampleIngestion } from './support/sample-ingestion';

describeWithPostgres('two projector processes started together', () => {
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

  it('never both apply the same events', async () => {
    const first = spawnProjector(database.url);
    const second = spawnProjector(database.url);
    let stream = 0;
    for (const events of sampleIngestion(20_000, 250)) {
      await stores.eventStore.append(`sample-${stream++ % 20}`, events);
    }
    const head = await stores.eventStore.headPosition();
    await waitForCheckpoint(stores.dataSource, head, 60_000);
    // Kill the holder mid-stream is the crash test's job; here, stop the one that works
    // and let the other take over for the last appends.
    const working = first.lines.some((line) => 'toPosition' in line) ? first : second;
    const idle = working === first ? second : first;
    working.child.kill('SIGTERM');
    await working.exited;
    for (const events of sampleIngestion(2_000, 250))
      await stores.eventStore.append('sample-late', events);
    await waitForCheckpoint(stores.dataSource, await stores.eventStore.headPosition(), 60_000);
    idle.child.kill('SIGTERM');
    await idle.exited;

    const batches = [...first.lines, ...second.lines]
      .filter(
        (line): line is { pid: number; fromPosition: number; toPosition: number } =>
          'toPosition' in line,
      )
      .sort((a, b) => a.fromPosition - b.fromPosition);
    for (let i = 1; i < batches.length; i++) {
      expect(batches[i].fromPosition).toBe(batches[i - 1].toPosition);
    }
    expect(batches[0].fromPosition).toBe(0);
    expect(batches[batches.length - 1].toPosition).toBe(await stores.eventStore.headPosition());
    expect(new Set(batches.map((batch) => batch.pid)).size).toBe(2);
    const [facts] = await stores.dataSource.query(`SELECT count(*)::int AS n FROM activity_facts`);
    expect(facts.n).toBe(18_000 + 1_800);
  }, 120_000);
});
