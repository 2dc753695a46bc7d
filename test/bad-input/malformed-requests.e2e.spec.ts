import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AccessService, AuthenticatedPrincipal } from '@ledger/access';
import { ACTIVITY_TYPES, ActivityType, fy2023DemoActivities } from '@ledger/domain';
import { openStores } from '@ledger/event-store';
import { getMetadataStorage } from 'class-validator';
import { Agent } from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { AppModule } from '../../apps/api/src/app.module';
import { Readiness } from '../../apps/api/src/health/readiness';
import { configureHttp } from '../../apps/api/src/problem-details/configure-http';
import { ACTIVITY_REQUEST_DATA } from '../../apps/api/src/recording/activities/activity-request-data';
import { activitiesFromRequest } from '../../apps/api/src/recording/record-activities/record-activities.request-validation';
import { startUp } from '../../apps/api/src/start-up/start-up';
import { HttpAnswer, send } from '../faults/support/loopback-http';
import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../support/postgres-test-database';
import {
  Caller,
  CorpusInput,
  generateMalformedCorpus,
  MalformedRequest,
  SampleEvent,
} from './support/malformed-request-corpus';

const SEED = 20240601;
const CORPUS_SIZE = 5_000;
const CONCURRENCY = 8;
const BODY = 'peer-support-center';

/** The store, keys and id index as text, in a fixed order: equal digests mean unchanged. */
async function storeDigest(db: Client): Promise<Record<string, string>> {
  const digest = async (table: string, order: string) =>
    (
      await db.query<{ digest: string }>(
        `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY ${order})), '') AS digest FROM ${table} t`,
      )
    ).rows[0].digest;
  return {
    events: await digest('event_store.events', 'position'),
    apiKeys: await digest('api_keys', 'id'),
    recordedEventIds: await digest('recorded_event_ids', 'event_id'),
  };
}

/** One valid event of each activity type, at its current schema version, from the demo year. */
function validSamples(retractable: string): SampleEvent[] {
  const byType = new Map<string, SampleEvent>();
  for (const activity of fy2023DemoActivities()) {
    if (byType.has(activity.type)) continue;
    if (activity.schemaVersion !== ACTIVITY_TYPES[activity.type].schemaVersion) continue;
    // A superseded target would have to be recorded first; the samples stand alone.
    const { occurredOn, ...data } = activity.data as Record<string, unknown>;
    delete data.supersedes;
    if (activity.type === 'RecordRetracted') data.eventId = retractable;
    byType.set(activity.type, {
      id: activity.id,
      type: activity.type,
      occurredOn: String(occurredOn),
      data,
    });
  }
  return [...byType.values()];
}

function requiredFields(): Record<string, string[]> {
  const storage = getMetadataStorage();
  return Object.fromEntries(
    (Object.keys(ACTIVITY_REQUEST_DATA) as ActivityType[]).map((type) => {
      const metadata = storage.getTargetValidationMetadatas(
        ACTIVITY_REQUEST_DATA[type],
        '',
        true,
        false,
      );
      const optional = new Set(
        metadata.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName),
      );
      return [
        type,
        [...new Set(metadata.map((m) => m.propertyName))].filter((p) => !optional.has(p)),
      ];
    }),
  );
}

/** Every route the api documents, but the one the corpus already covers by hand. */
function routesOf(openApi: {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string }[]; security?: unknown[] }>
  >;
}): CorpusInput['routes'] {
  return Object.entries(openApi.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => method === 'get' || method === 'post')
      .filter(([method]) => !(method === 'post' && path === '/v1/events'))
      .map(([method, operation]) => ({
        method: method.toUpperCase() as 'GET' | 'POST',
        path,
        query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        // @Public() routes (health) document no bearer security.
        public: (operation.security ?? []).length === 0,
      })),
  );
}

describeWithPostgres('a corpus of malformed requests against every endpoint', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let port: number;
  let db: Client;
  const keys = {} as Record<Caller, string>;
  let samples: SampleEvent[];

  beforeAll(async () => {
    database = await createTestDatabase();
    const stores = await openStores({ EVENT_STORE_URL: database.url, DATABASE_URL: database.url });
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.register(stores, { projector: 'external' }),
      {
        bodyParser: false,
        logger: ['error'],
      },
    );
    configureHttp(app);
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    await startUp(app, { demoData: false });
    app.get(Readiness).markReady();
    const access = app.get(AccessService);
    for (const role of ['recorder', 'analyst', 'auditor', 'admin'] as const)
      keys[role] = (
        await access.createKey({ role, bodyId: role === 'recorder' ? BODY : undefined })
      ).key;
    keys['malformed-key'] = 'kl_not-a-key';
    keys['wrong-secret'] = `${keys.admin.slice(0, 20)}${'A'.repeat(keys.admin.length - 20)}`;
    db = new Client({ connectionString: database.url });
    await db.connect();

    // A recorded event for the RecordRetracted sample to point at.
    const target = {
      id: '00000000-0000-4000-8000-000000000001',
      type: 'ConsultationHandled',
      occurredOn: '2023-06-02',
      data: { channel: 'phone', iceAgeGeneration: false },
    };
    const recorded = await send(port, 'POST', '/v1/events', {
      key: keys.recorder,
      body: JSON.stringify({ events: [target] }),
    });
    expect(recorded.status).toBe(201);
    samples = validSamples(target.id);
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await app?.close();
    await database?.drop();
  });

  it('refuses every one with a 4xx Problem Details and leaves the store byte for byte as it was', async () => {
    // The samples the corpus breaks are valid as they stand: each request has exactly its own faults.
    const admin: AuthenticatedPrincipal = {
      keyId: 'x',
      principal: 'admin',
      role: 'admin',
      bodyId: null,
    };
    const plan = await send(port, 'GET', '/v1/plan', { key: keys.analyst });
    const bodies = new Set(
      (JSON.parse(plan.body) as { bodies: { bodyId: string }[] }).bodies.map((body) => body.bodyId),
    );
    expect(activitiesFromRequest({ events: samples }, admin, bodies)).toHaveLength(
      Object.keys(ACTIVITY_TYPES).length,
    );

    const openApi = JSON.parse((await send(port, 'GET', '/docs-json')).body);
    const routes = routesOf(openApi);
    const corpus = generateMalformedCorpus({
      seed: SEED,
      samples,
      requiredFields: requiredFields(),
      routes,
      size: CORPUS_SIZE,
    });
    expect(corpus.length).toBeGreaterThanOrEqual(CORPUS_SIZE);
    const categories = new Set(corpus.map((request) => request.category));
    expect([...categories].sort()).toEqual([
      'bad-envelope',
      'bad-key',
      'bad-path',
      'bad-query',
      'deep-nesting',
      'duplicate-ids',
      'extra-field',
      'huge',
      'impossible-date',
      'injection',
      'invalid-json',
      'invalid-utf8',
      'missing-field',
      'out-of-range-number',
      'unknown-event-type',
      'wrong-type',
    ]);

    const before = await storeDigest(db);
    const failures: string[] = [];
    const agent = new Agent({ keepAlive: true });
    let next = 0;
    const check = (request: MalformedRequest, answer: HttpAnswer): string | undefined => {
      const label = `${request.category}: ${request.what} (${request.method} ${request.path.slice(0, 120)} as ${request.caller})`;
      if (answer.status < 400 || answer.status >= 500)
        return `${label} → ${answer.status} ${answer.body.slice(0, 300)}`;
      if (!/^application\/problem\+json/.test(String(answer.headers['content-type'])))
        return `${label} → ${answer.status} with Content-Type ${answer.headers['content-type']}`;
      let problem: { type?: unknown; title?: unknown; status?: unknown };
      try {
        problem = JSON.parse(answer.body);
      } catch {
        return `${label} → ${answer.status} with a body that is not JSON: ${answer.body.slice(0, 200)}`;
      }
      if (
        typeof problem.type !== 'string' ||
        typeof problem.title !== 'string' ||
        problem.status !== answer.status
      )
        return `${label} → ${answer.status} with ${answer.body.slice(0, 300)}`;
      return undefined;
    };
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < corpus.length) {
          const request = corpus[next++];
          const key = request.caller === 'none' ? undefined : keys[request.caller];
          const answer = await send(port, request.method, request.path, {
            key,
            body: request.body,
            contentType: request.contentType,
            agent,
          }).catch((error: unknown) => ({
            status: 0,
            headers: {},
            body: `no answer: ${String(error)}`,
          }));
          const failure = check(request, answer);
          if (failure) failures.push(failure);
        }
      }),
    );
    agent.destroy();

    expect(failures).toEqual([]);
    expect(await storeDigest(db)).toEqual(before);
  }, 240_000);
});
