import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AccessService, CreateKeyRequest } from '@ledger/access';
import { EventStore, openStores } from '@ledger/event-store';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../../../apps/api/src/app.module';
import { Readiness } from '../../../apps/api/src/health/readiness';
import { configureHttp } from '../../../apps/api/src/problem-details/configure-http';
import { startUp } from '../../../apps/api/src/start-up/start-up';
import { EVENT_STORE } from '../../../apps/api/src/stores/stores.tokens';

/**
 * The service as `main.ts` builds it, on embedded PGlite in a fresh temporary data
 * directory, without demo data unless asked. One per test file: creating a PGlite database is slow.
 */
export interface ApiTestApp {
  app: NestExpressApplication;
  store: EventStore;
  http(): ReturnType<typeof request>;
  createKey(key: CreateKeyRequest): Promise<string>;
  close(options?: { keepDataDir?: boolean }): Promise<void>;
}

/**
 * In a fresh temporary data directory, or in `dataDir` when given. The projections run
 * in-process only when `projections` is set (main.ts always runs them on embedded PGlite):
 * tests that drive a projection runner of their own would otherwise wait for its lease.
 * The audit's followers (metric timeline, hash chain) always run here, as on embedded PGlite.
 */
export async function startApiTestApp(
  existingDataDir?: string,
  options: { demoData: boolean; projections?: boolean } = { demoData: false },
): Promise<ApiTestApp> {
  const dataDir = existingDataDir ?? (await mkdtemp(join(tmpdir(), 'ledger-api-')));
  const stores = await openStores({ DATA_DIR: dataDir });
  const projector = options.projections ? 'in-process' : 'external';
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(stores, { projector, auditFollowers: 'in-process' }),
    {
      bodyParser: false,
      logger: false,
    },
  );
  configureHttp(app);
  await app.init();
  await startUp(app, options);
  app.get(Readiness).markReady();
  return {
    app,
    store: app.get<EventStore>(EVENT_STORE),
    http: () => request(app.getHttpServer()),
    createKey: async (key) => (await app.get(AccessService).createKey(key)).key,
    close: async (options = {}) => {
      await app.close();
      if (!options.keepDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
