import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedPrincipal } from '@ledger/access';
import {
  FiscalYearClose,
  ReplayCheckReport,
  VerifyReport,
  checkReplay,
  closeFiscalYear,
  verifyStore,
} from '@ledger/audit';
import { METRICS } from '@ledger/domain';
import { Inject } from '@nestjs/common';
import { CurrentPrincipal } from '../access/current-principal.decorator';
import { Roles } from '../access/roles.decorator';
import { CLOCK, Clock } from '../stores/stores.tokens';
import { ReplayMismatchRefusal, refusalFor } from './audit.refusals';
import { AuditQueryLogInterceptor } from './audit-query-log.interceptor';
import { AuditQueryParams, asOfParams, fiscalYearParam } from './audit-query.params';
import { AuditRuntime } from './audit-runtime';

/** The auditor's proofs (replay, verify) and the administrator's fiscal-year close. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
@UseInterceptors(AuditQueryLogInterceptor)
export class AuditProofsHttpController {
  constructor(
    private readonly audit: AuditRuntime,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('replay')
  @Roles('auditor')
  @ApiOperation({
    summary:
      'Replay the store to a position or instant through the domain evaluator and compare with the read model',
    description: 'Answers 409 replay-mismatch, with the full comparison, when any figure differs.',
  })
  async replay(@Query() query: AuditQueryParams): Promise<ReplayCheckReport> {
    const fiscalYear = fiscalYearParam(query);
    const asOf = asOfParams(query);
    let report: ReplayCheckReport;
    try {
      report = await checkReplay({
        eventStore: this.audit.eventStore,
        reader: this.audit.reader,
        metrics: METRICS,
        fiscalYear,
        asOf,
      });
    } catch (error) {
      throw refusalFor(error);
    }
    if (!report.agrees) throw new ReplayMismatchRefusal(report);
    return report;
  }

  @Get('verify')
  @Roles('auditor')
  @ApiOperation({
    summary:
      'Recompute the hash chain over the whole store; report the first position that no longer matches',
  })
  verify(): Promise<VerifyReport> {
    return verifyStore({ eventStore: this.audit.eventStore, database: this.audit.database });
  }

  @Post('fiscal-years/:fiscalYear/close')
  @Roles('admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary:
      'Close a fiscal year: record its figures and a hash checkpoint; later changes show as post-close adjustments',
  })
  async close(
    @Param('fiscalYear', ParseIntPipe) fiscalYear: number,
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
  ): Promise<FiscalYearClose> {
    fiscalYearParam({ fiscalYear: String(fiscalYear) });
    try {
      return await closeFiscalYear({
        eventStore: this.audit.eventStore,
        database: this.audit.database,
        recorder: this.audit.recorder,
        metrics: METRICS,
        fiscalYear,
        closedBy: principal.principal,
        now: this.clock,
      });
    } catch (error) {
      throw refusalFor(error);
    }
  }
}
