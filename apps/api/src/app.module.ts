import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { OpenedStores } from '@ledger/event-store';
import { DataSource } from 'typeorm';
import { AccessModule } from './access/access.module';
import { AuditModule } from './audit/audit.module';
import { migrateReadModels } from '@ledger/projections';
import { createLedgerDataSource } from './database/ledger-data-source';
import { HealthHttpController } from './health/health.http.controller';
import { Readiness } from './health/readiness';
import { GetPlanHttpController } from './plan/get-plan/get-plan.http.controller';
import { RecordingModule } from './recording/recording.module';
import { ProjectorMode } from './reporting/projector/projector-mode';
import { ReportingModule } from './reporting/reporting.module';
import { CLOCK, EVENT_STORE } from './stores/stores.tokens';

const OPENED_STORES = Symbol('OpenedStores');

/** Stores, database and clock, for every feature module. */
@Global()
@Module({})
class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(OPENED_STORES) private readonly stores: OpenedStores,
    private readonly dataSource: DataSource,
  ) {}

  static register(stores: OpenedStores): DynamicModule {
    const providers = [
      { provide: OPENED_STORES, useValue: stores },
      { provide: EVENT_STORE, useValue: stores.eventStore },
      { provide: CLOCK, useValue: () => new Date() },
      {
        provide: DataSource,
        useFactory: async () => {
          const dataSource = createLedgerDataSource(stores.databaseUrl);
          await dataSource.initialize();
          await migrateReadModels(dataSource);
          return dataSource;
        },
      },
      Readiness,
    ];
    return {
      module: InfrastructureModule,
      providers,
      exports: [EVENT_STORE, CLOCK, DataSource, Readiness],
    };
  }

  /** The app owns the stores it was given: closing the app closes them. */
  async onApplicationShutdown(): Promise<void> {
    await this.dataSource.destroy();
    await this.stores.close();
  }
}

const controllers = [HealthHttpController, GetPlanHttpController];

@Module({})
export class AppModule {
  /**
   * `projector`: whether this process runs the projections; main.ts decides with
   * `projectorModeFor`. Left out, none run here (tests that drive a projection runner themselves).
   * `auditFollowers`: the audit's followers of the store (metric timeline, hash chain), with
   * the projections unless said otherwise.
   */
  static register(
    stores: OpenedStores,
    options: { projector: ProjectorMode; auditFollowers?: ProjectorMode } = {
      projector: 'external',
    },
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.register(stores),
        CqrsModule.forRoot(),
        AccessModule,
        RecordingModule,
        ReportingModule.register(options),
        AuditModule.register({ followers: options.auditFollowers ?? options.projector }),
      ],
      controllers,
    };
  }
}
