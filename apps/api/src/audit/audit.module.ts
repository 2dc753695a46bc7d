import {
  DynamicModule,
  Inject,
  Module,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { EventStore } from '@ledger/event-store';
import { DataSource } from 'typeorm';
import { ProjectorMode } from '../reporting/projector/projector-mode';
import { EVENT_STORE } from '../stores/stores.tokens';
import { AuditFiguresHttpController } from './audit-figures.http.controller';
import { AuditProofsHttpController } from './audit-proofs.http.controller';
import { AuditQueryLogInterceptor } from './audit-query-log.interceptor';
import { AuditRuntime } from './audit-runtime';
import { AuditTrailsHttpController } from './audit-trails.http.controller';

const auditProviders = (followers: ProjectorMode) => [
  {
    provide: AuditRuntime,
    inject: [DataSource, EVENT_STORE],
    useFactory: (dataSource: DataSource, eventStore: EventStore) =>
      AuditRuntime.open(
        String((dataSource.options as { url?: string }).url),
        eventStore,
        followers,
      ),
  },
  AuditQueryLogInterceptor,
];
const controllers = [
  AuditFiguresHttpController,
  AuditTrailsHttpController,
  AuditProofsHttpController,
];

/**
 * /v1/audit: as-of figures, trails, replay, verify and close, for auditors and admins.
 * `followers`: where the metric timeline and the hash chain are kept up with the store.
 */
@Module({})
export class AuditModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(AuditRuntime) private readonly audit: AuditRuntime) {}

  static register(options: { followers: ProjectorMode }): DynamicModule {
    return { module: AuditModule, providers: auditProviders(options.followers), controllers };
  }

  onApplicationBootstrap(): void {
    this.audit.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.audit.stop();
  }
}
