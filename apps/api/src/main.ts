import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { openStores } from '@ledger/event-store';
import { AppModule } from './app.module';
import { Readiness } from './health/readiness';
import { ProjectorMode, projectorModeFor } from './reporting/projector/projector-mode';
import { configureHttp } from './problem-details/configure-http';
import { startUp } from './start-up/start-up';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const stores = await openStores(process.env);
  let app: NestExpressApplication;
  let projector: ProjectorMode;
  try {
    projector = projectorModeFor(stores.kind, process.env);
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.register(stores, { projector }),
      {
        bodyParser: false,
      },
    );
  } catch (error) {
    await stores.close();
    throw error;
  }
  configureHttp(app);
  // Listen first, so /health can answer 503 while the plan and demo data are recorded.
  await app.listen(port);
  await startUp(app, { demoData: process.env.DEMO_DATA !== 'off' });
  app.get(Readiness).markReady();

  const url = `http://localhost:${port}`;
  console.log(
    [
      '',
      `Kochi KPI ledger is ready at ${url} (${stores.kind} store)`,
      `  API documentation: ${url}/docs`,
      projector === 'in-process'
        ? '  Projections run in this process.'
        : '  Projections run elsewhere (PROJECTOR=external): start them with npm run projector',
      '  Every request needs an API key; create one with:',
      '    npm run cli -- keys create --role analyst',
      '  (roles: recorder --body <bodyId>, analyst, auditor, admin)',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
