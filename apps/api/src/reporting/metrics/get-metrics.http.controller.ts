import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedPrincipal } from '@ledger/access';
import { MetricDefinition, isMeasureId } from '@ledger/domain';
import {
  GetMetricsQuery,
  MetricBreakdown,
  MetricReport,
  REPORTING_METRICS,
} from '@ledger/projections';
import { CurrentPrincipal } from '../../access/current-principal.decorator';
import { Roles } from '../../access/roles.decorator';
import { HttpResponse } from '../../problem-details/express-shapes';
import { QueryParamsPipe } from '../http/query-params.pipe';
import { reportingAnswer, wantsCsv } from '../http/reporting-answer';
import { UnknownMeasureRefusal } from '../reporting.refusals';
import { MeasureMetricsQueryParams, MetricsQueryParams } from './get-metrics.request.dto';
import { metricReportCsv } from './metric-report.csv';
import { MetricReportResponse } from './metric-report.response.dto';
import {
  SMALL_COUNT_RULE,
  SMALL_COUNT_THRESHOLD,
  suppressSmallCounts,
} from './small-count-suppression';

const BREAKDOWN_DESCRIPTION =
  'Totals of every output metric for the fiscal year; with `by`, also per municipality, per ' +
  'month, or per member of a named grouping of municipalities. ' +
  SMALL_COUNT_RULE;

@ApiTags('reporting')
@ApiBearerAuth()
@Controller('v1')
export class GetMetricsHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(REPORTING_METRICS) private readonly metrics: readonly MetricDefinition[],
  ) {}

  @Get('metrics')
  @Roles('analyst', 'auditor')
  @ApiOperation({
    summary: 'Output metrics of every measure, or of one',
    description: BREAKDOWN_DESCRIPTION,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: MetricReportResponse,
    description: 'JSON, or CSV (UTF-8 with BOM) when asked',
  })
  @ApiForbiddenResponse({ description: 'Recorder keys cannot read figures' })
  @ApiNotFoundResponse({ description: 'Unknown measure or grouping' })
  @ApiServiceUnavailableResponse({
    description:
      'Read models not built yet, or not at `waitForPosition` within 5 s; see Retry-After',
  })
  async all(
    @Query(QueryParamsPipe) params: MetricsQueryParams,
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<MetricReportResponse | string> {
    return this.answer(params.measureId, params, principal, accept, response);
  }

  @Get('measures/:measureId/metrics')
  @Roles('analyst', 'auditor')
  @ApiOperation({
    summary: 'Every output metric of one measure',
    description: BREAKDOWN_DESCRIPTION,
  })
  @ApiParam({ name: 'measureId', example: '3a', description: '①=1, ②ア=2a, ③ア=3a, … ⑤ウ=5c' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: MetricReportResponse,
    description: 'JSON, or CSV (UTF-8 with BOM) when asked',
  })
  @ApiForbiddenResponse({ description: 'Recorder keys cannot read figures' })
  @ApiNotFoundResponse({ description: 'Unknown measure or grouping' })
  @ApiServiceUnavailableResponse({
    description:
      'Read models not built yet, or not at `waitForPosition` within 5 s; see Retry-After',
  })
  async ofMeasure(
    @Param('measureId') measureId: string,
    @Query(QueryParamsPipe) params: MeasureMetricsQueryParams,
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<MetricReportResponse | string> {
    return this.answer(measureId, params, principal, accept, response);
  }

  private async answer(
    measureId: string | undefined,
    params: MeasureMetricsQueryParams,
    principal: AuthenticatedPrincipal,
    accept: string | undefined,
    response: HttpResponse,
  ): Promise<MetricReportResponse | string> {
    if (measureId !== undefined && !isMeasureId(measureId)) {
      throw new UnknownMeasureRefusal(`No measure ${measureId} in the plan`);
    }
    const { fiscalYear, waitForPosition, format, by, grouping } = params;
    const breakdown: MetricBreakdown =
      by === undefined
        ? { by: 'total' }
        : by === 'grouping'
          ? { by, groupingId: grouping as string }
          : { by };
    const suppress = principal.role === 'analyst' && breakdown.by === 'municipality';
    const name = [`metrics-fy${fiscalYear}`, measureId, by && `by-${grouping ?? by}`]
      .filter(Boolean)
      .join('-');
    return reportingAnswer(
      async () =>
        this.present(
          await this.queries.execute(
            new GetMetricsQuery(fiscalYear, measureId, breakdown, waitForPosition),
          ),
          suppress,
        ),
      response,
      wantsCsv(format, accept) ? { filename: `${name}.csv`, render: metricReportCsv } : undefined,
    );
  }

  private present(report: MetricReport, suppress: boolean): MetricReportResponse {
    return {
      ...report,
      rows: suppress
        ? suppressSmallCounts(report.rows, this.metrics)
        : report.rows.map((row) => ({ ...row, suppressed: false })),
      suppression: suppress ? { threshold: SMALL_COUNT_THRESHOLD, rule: SMALL_COUNT_RULE } : null,
    };
  }
}
