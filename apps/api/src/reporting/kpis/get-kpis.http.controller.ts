import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { GetKpisQuery, kpisToCsv } from '@ledger/projections';
import { Roles } from '../../access/roles.decorator';
import { HttpResponse } from '../../problem-details/express-shapes';
import { CLOCK, Clock } from '../../stores/stores.tokens';
import { QueryParamsPipe } from '../http/query-params.pipe';
import { reportingAnswer, wantsCsv } from '../http/reporting-answer';
import { ReportingQueryParams } from '../http/reporting-query.params';
import { KpisResponse } from './kpis.response.dto';

@ApiTags('reporting')
@ApiBearerAuth()
@Controller('v1/kpis')
export class GetKpisHttpController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  @Get()
  @Roles('analyst', 'auditor')
  @ApiOperation({
    summary: 'Every KPI of the plan for one fiscal year, derived from the recorded activities',
    description:
      'Target, actual, achievement rate and grade; the multi-year goal and the cumulative actual ' +
      'towards it; while the fiscal year runs, the pace against the pro-rated target.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: KpisResponse, description: 'JSON, or CSV (UTF-8 with BOM) when asked' })
  @ApiForbiddenResponse({ description: 'Recorder keys cannot read figures' })
  @ApiServiceUnavailableResponse({
    description:
      'Read models not built yet, or not at `waitForPosition` within 5 s; see Retry-After',
  })
  async kpis(
    @Query(QueryParamsPipe) params: ReportingQueryParams,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<KpisResponse | string> {
    const { fiscalYear, waitForPosition, format } = params;
    return reportingAnswer(
      async () => ({
        fiscalYear,
        kpis: await this.queries.execute(new GetKpisQuery(fiscalYear, this.now(), waitForPosition)),
      }),
      response,
      wantsCsv(format, accept)
        ? { filename: `kpis-fy${fiscalYear}.csv`, render: (answer) => kpisToCsv(answer.kpis) }
        : undefined,
    );
  }
}
