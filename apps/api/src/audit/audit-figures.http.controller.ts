import { Controller, Get, Headers, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuditedFigures, AuditedKpis, auditCsv } from '@ledger/audit';
import { Roles } from '../access/roles.decorator';
import { HttpResponse } from '../problem-details/express-shapes';
import { answer } from './audit-answer';
import { AuditQueryLogInterceptor } from './audit-query-log.interceptor';
import { AuditQueryParams, asOfParams, fiscalYearParam, wantsCsv } from './audit-query.params';
import { AuditRuntime } from './audit-runtime';

const AS_OF_QUERY = [
  ApiQuery({ name: 'fiscalYear', example: 2023 }),
  ApiQuery({
    name: 'knownAt',
    required: false,
    description: 'Only what was recorded (and corrected) by this instant',
    example: '2024-04-15T00:00:00+09:00',
  }),
  ApiQuery({
    name: 'occurredBy',
    required: false,
    description: 'Only activities that occurred by this date',
    example: '2024-03-31',
  }),
  ApiQuery({
    name: 'position',
    required: false,
    description: 'Only events up to this position of the global order',
  }),
  ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] }),
];

function applyAll(decorators: MethodDecorator[]): MethodDecorator {
  return (target, key, descriptor) => {
    for (const decorator of decorators) decorator(target, key, descriptor);
  };
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
@UseInterceptors(AuditQueryLogInterceptor)
export class AuditFiguresHttpController {
  constructor(private readonly audit: AuditRuntime) {}

  @Get('kpis')
  @Roles('auditor')
  @ApiOperation({
    summary:
      'KPIs of a fiscal year as known at an instant and as happened by a date, beside the closed figures',
  })
  @applyAll(AS_OF_QUERY)
  kpis(
    @Query() query: AuditQueryParams,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<AuditedKpis | string> {
    const fiscalYear = fiscalYearParam(query);
    const asOf = asOfParams(query);
    return answer(
      () => this.audit.figures.kpis(fiscalYear, asOf),
      wantsCsv(query, accept) ? auditCsv.kpis : undefined,
      response,
    );
  }

  @Get('metrics')
  @Roles('auditor')
  @ApiOperation({
    summary: 'Output metrics of a fiscal year as known at an instant and as happened by a date',
  })
  @applyAll([
    ...AS_OF_QUERY,
    ApiQuery({
      name: 'metricId',
      required: false,
      description: 'Comma-separated metric ids; all when absent',
    }),
  ])
  metrics(
    @Query() query: AuditQueryParams,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<AuditedFigures | string> {
    const fiscalYear = fiscalYearParam(query);
    const asOf = asOfParams(query);
    const ids =
      typeof query.metricId === 'string' && query.metricId !== ''
        ? query.metricId.split(',')
        : undefined;
    return answer(
      () => this.audit.figures.metrics(fiscalYear, asOf, ids),
      wantsCsv(query, accept) ? auditCsv.figures : undefined,
      response,
    );
  }
}
