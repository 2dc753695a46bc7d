import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiTestApp, startApiTestApp } from './support/api-test-app';
import { consultationHandled } from './support/activity-samples';
import { CliOutcome, runCli } from '../support/run-cli';

/** The CLI on the embedded store in `dataDir`; a non-zero exit fails the test unless asked for. */
async function cli(dataDir: string, ...args: string[]): Promise<CliOutcome> {
  return runCli({ DATA_DIR: dataDir, EVENT_STORE_URL: '' }, ...args);
}

async function succeeds(dataDir: string, ...args: string[]): Promise<CliOutcome> {
  const outcome = await cli(dataDir, ...args);
  expect(outcome).toMatchObject({ code: 0, stderr: '' });
  return outcome;
}

describe('npm run cli -- keys', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ledger-cli-'));
  });

  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('creates a key, printed alone on the last line, that the service accepts', async () => {
    const created = await succeeds(
      dataDir,
      'keys',
      'create',
      '--role',
      'recorder',
      '--body',
      'peer-support-center',
      '--name',
      'desk',
    );
    const key = created.stdout.trimEnd().split('\n').at(-1)!;
    expect(key).toMatch(/^kl_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);

    const api: ApiTestApp = await startApiTestApp(dataDir);
    try {
      const response = await api
        .http()
        .post('/v1/events')
        .set('Authorization', `Bearer ${key}`)
        .send({ events: [consultationHandled()] });
      expect(response.status).toBe(201);

      // The service holds the data directory now: the CLI connects to it as a client.
      const listed = await succeeds(dataDir, 'keys', 'list');
      const [line] = listed.stdout.trimEnd().split('\n');
      expect(line.split('\t').slice(0, 4)).toEqual([
        key.slice(3, 19),
        'recorder',
        'peer-support-center',
        'desk',
      ]);

      await succeeds(dataDir, 'keys', 'revoke', key.slice(3, 19));
      const refused = await api
        .http()
        .post('/v1/events')
        .set('Authorization', `Bearer ${key}`)
        .send({ events: [consultationHandled()] });
      expect(refused.status).toBe(401);
    } finally {
      await api.close({ keepDataDir: true });
    }
  }, 180_000);

  it('refuses a recorder key without a body, or for a body the plan does not know', async () => {
    // One after the other: a CLI that finds another CLI owning the embedded data directory
    // connects to it, and loses its connection when that one exits.
    await expect(cli(dataDir, 'keys', 'create', '--role', 'recorder')).resolves.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('a recorder key must name the body it records for'),
    });
    await expect(
      cli(dataDir, 'keys', 'create', '--role', 'recorder', '--body', 'nobody'),
    ).resolves.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown body nobody'),
    });
  }, 180_000);
});
