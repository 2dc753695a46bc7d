import { Inject, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EventStore } from '@ledger/event-store';
import { DataSource } from 'typeorm';
import { EVENT_STORE } from '../stores/stores.tokens';
import { AuditFiguresHttpController } from './audit-figures.http.controller';
import { AuditProofsHttpController } from './audit-proofs.http.controller';
import { AuditQueryLogInterceptor } from './audit-query-log.interceptor';
import { AuditRuntime } from './audit-runtime';
import { AuditTrailsHttpController } from './audit-trails.http.controller';

const auditProviders = [
  {
    provide: AuditRuntime,
    inject: [DataSource, EVENT_STORE],
    useFactory: (dataSource: DataSource, eventStore: EventStore) =>
      AuditRuntime.open(String((dataSource.options as { url?: string }).url), eventStore),
  },
  AuditQueryLogInterceptor,
];
const controllers = [
  AuditFiguresHttpController,
  AuditTrailsHttpController,
  AuditProofsHttpController,
];

/** /v1/audit: as-of figures, trails, replay, verify and close, for auditors and admins. */
@Module({ providers: auditProviders, controllers })
export class AuditModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(AuditRuntime) private readonly audit: AuditRuntime) {}

  onApplicationBootstrap(): void {
    this.audit.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.audit.stop();
  }
}
