import { DynamicModule, Module, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { METRICS } from '@ledger/domain';
import { REPORTING_METRICS, REPORTING_QUERY_HANDLERS } from '@ledger/projections';
import { GetKpisHttpController } from './kpis/get-kpis.http.controller';
import { GetMetricsHttpController } from './metrics/get-metrics.http.controller';
import { InProcessProjector } from './projector/in-process-projector';
import { ProjectorMode } from './projector/projector-mode';

const queryHandlers: Provider[] = [
  ...REPORTING_QUERY_HANDLERS,
  { provide: REPORTING_METRICS, useValue: METRICS },
];
const controllers = [GetKpisHttpController, GetMetricsHttpController];

/**
 * The read side for analysts: KPIs and output metrics from the read models, through the
 * QueryBus; and, unless a separate projector process runs them, the projections themselves.
 */
@Module({})
export class ReportingModule {
  static register(options: { projector: ProjectorMode }): DynamicModule {
    return {
      module: ReportingModule,
      imports: [CqrsModule],
      providers: [
        ...queryHandlers,
        ...(options.projector === 'in-process' ? [InProcessProjector] : []),
      ],
      controllers,
    };
  }
}
