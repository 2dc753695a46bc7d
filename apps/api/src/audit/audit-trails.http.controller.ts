import { Controller, Get, Headers, Param, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FigureHistory, MetricTrail, StreamHistory, auditCsv, streamHistory } from '@ledger/audit';
import { Roles } from '../access/roles.decorator';
import { HttpResponse } from '../problem-details/express-shapes';
import { answer } from './audit-answer';
import { AuditQueryLogInterceptor } from './audit-query-log.interceptor';
import { AuditQueryParams, asOfParams, fiscalYearParam, wantsCsv } from './audit-query.params';
import { AuditRuntime } from './audit-runtime';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
@UseInterceptors(AuditQueryLogInterceptor)
export class AuditTrailsHttpController {
  constructor(private readonly audit: AuditRuntime) {}

  @Get('trails/:metricId')
  @Roles('auditor')
  @ApiOperation({
    summary:
      'The events behind a metric or KPI (KPI1, KPI2 or a metric id), with who recorded them and their corrections',
  })
  async trail(
    @Param('metricId') metricId: string,
    @Query() query: AuditQueryParams,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<MetricTrail | string> {
    const fiscalYear = fiscalYearParam(query);
    const asOf = asOfParams(query);
    return answer(
      async () =>
        this.audit.trails.trail(
          await this.audit.reader.metricIdOf(metricId, asOf),
          fiscalYear,
          asOf,
        ),
      wantsCsv(query, accept) ? auditCsv.trail : undefined,
      response,
    );
  }

  @Get('figures/:metricId/history')
  @Roles('auditor')
  @ApiOperation({
    summary:
      "How a metric's or KPI's value for a fiscal year changed day by day as events were recorded",
  })
  async history(
    @Param('metricId') metricId: string,
    @Query() query: AuditQueryParams,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<FigureHistory | string> {
    const fiscalYear = fiscalYearParam(query);
    const asOf = asOfParams(query);
    return answer(
      async () =>
        this.audit.trails.history(
          await this.audit.reader.metricIdOf(metricId, asOf),
          fiscalYear,
          asOf,
        ),
      wantsCsv(query, accept) ? auditCsv.history : undefined,
      response,
    );
  }

  @Get('streams/:streamId/history')
  @Roles('auditor')
  @ApiOperation({
    summary: "A stream's full history, each event with its retraction or supersession",
  })
  stream(
    @Param('streamId') streamId: string,
    @Query() query: AuditQueryParams,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<StreamHistory | string> {
    return answer(
      () => streamHistory(this.audit.eventStore, this.audit.database, streamId),
      wantsCsv(query, accept) ? auditCsv.stream : undefined,
      response,
    );
  }
}
