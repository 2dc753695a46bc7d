import { randomUUID } from 'node:crypto';
import { HashChainRecorder } from '@ledger/audit';
import { describeOnBothBackends } from './support/audit-test-backends';
import { CliOutcome, runCli } from '../support/run-cli';

/** `npm run cli -- verify | replay | close-year` against the backend's database. */
describeOnBothBackends('audit CLI', (backend) => {
  function cli(...args: string[]): Promise<CliOutcome> {
    return runCli({ EVENT_STORE_URL: backend().url, DATABASE_URL: '' }, ...args);
  }

  beforeAll(async () => {
    const { eventStore, database } = backend();
    for (const [person, iceAge] of [
      ['person-A1', true],
      ['person-A2', true],
      ['person-A3', false],
    ] as const) {
      await eventStore.append(`work-experience-${person}`, [
        {
          id: randomUUID(),
          type: 'WorkExperienceJoined',
          schemaVersion: 1,
          data: {
            occurredOn: '2023-09-01',
            bodyId: 'kochi-prefecture',
            personId: person,
            baseId: 'ochi-base',
            iceAgeGeneration: iceAge,
          },
          metadata: { recordedBy: 'key:entry' },
        },
      ]);
    }
    await backend().project();
    await new HashChainRecorder({ eventStore, database }).catchUp();
  }, 120_000);

  it('replay agrees with the read model, exit 0', async () => {
    const outcome = await cli('replay', '--fiscal-year', '2023', '--occurred-by', '2024-03-31');
    expect(outcome.code).toBe(0);
    const report = JSON.parse(outcome.stdout);
    expect(report).toMatchObject({
      agrees: true,
      fiscalYear: 2023,
      cut: { occurredBy: '2024-03-31', throughPosition: 3 },
      eventsReplayed: 3,
    });
    expect(report.figures).toContainEqual({
      metricId: 'kpi1-ice-age-social-participation',
      readModel: 2,
      replayed: 2,
    });
  });

  it('replay refuses a knownAt without offset as a usage error, exit 2', async () => {
    const outcome = await cli(
      'replay',
      '--fiscal-year',
      '2023',
      '--known-at',
      '2024-04-15T00:00:00',
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('knownAt must be an ISO 8601 instant with its offset');
  });

  it('close-year records the close and prints its checkpoint', async () => {
    const outcome = await cli('close-year', '--fiscal-year', '2023', '--by', 'tester');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout.trim()).toMatch(
      /^Closed FY2023 at position 5; hash checkpoint [0-9a-f]{64} over 3 events$/,
    );
    const [closed] = await backend().eventStore.readStream('fiscal-year-2023');
    expect(closed.data).toMatchObject({
      closedBy: 'cli:tester',
      hashCheckpoint: { position: 3, eventCount: 3 },
    });
  });

  it('verify passes on the untouched store and fails loudly, exit 1, on an edited row', async () => {
    const clean = await cli('verify');
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({
      ok: true,
      eventsChecked: 5,
      checkpointsChecked: 1,
    });

    await backend().sql.query(
      `UPDATE event_store.events SET data = jsonb_set(data, '{iceAgeGeneration}', 'true') WHERE position = 3`,
    );
    const tampered = await cli('verify');
    expect(tampered.code).toBe(1);
    expect(JSON.parse(tampered.stdout).firstMismatch).toMatchObject({
      position: 3,
      reason: 'hash-differs',
    });
    expect(tampered.stderr).toContain(
      'The store no longer matches its hash chain at position 3 (hash-differs)',
    );
  });
});
