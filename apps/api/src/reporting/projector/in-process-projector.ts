import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { METRICS } from '@ledger/domain';
import { EventStore } from '@ledger/event-store';
import { ReportingProjection, domainReportingEvents, startProjector } from '@ledger/projections';
import { DataSource } from 'typeorm';
import { EVENT_STORE } from '../../stores/stores.tokens';

type RunningProjector = Awaited<ReturnType<typeof startProjector>>;

/**
 * The projections inside the api (the embedded default): the same checkpointed runners as
 * `apps/projector`, fed from the event store, never from Nest's in-process EventBus. The
 * DataSource is injected already migrated, so they start after the migrations; they stop
 * before the DataSource is destroyed (`onModuleDestroy` precedes `onApplicationShutdown`).
 */
@Injectable()
export class InProcessProjector implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Projector');
  private running: RunningProjector | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const running = await startProjector({
      dataSource: this.dataSource,
      eventStore: this.eventStore,
      projections: [new ReportingProjection(METRICS, domainReportingEvents)],
    });
    this.running = running;
    for (const runner of running.runners) {
      // A build superseded by newer code elsewhere ends its runner; the api keeps serving
      // the active build, so this is reported rather than fatal.
      runner.done().catch((error: unknown) => {
        this.logger.error(error instanceof Error ? error.message : String(error));
      });
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.running?.stop();
  }
}
