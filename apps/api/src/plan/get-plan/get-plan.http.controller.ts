import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MEASURE_IDS, PlanState, gradingBandsFor } from '@ledger/domain';
import { EventStore } from '@ledger/event-store';
import { Roles } from '../../access/roles.decorator';
import { EVENT_STORE } from '../../stores/stores.tokens';
import { readPlan } from '../plan.reader';

/** The plan as the API shows it: lists rather than maps, each KPI with its targets. */
export interface PlanResponse {
  measures: PlanState['measures'][string][];
  kpis: (PlanState['kpis'][string] & { targets: PlanState['targets'][number][] })[];
  gradingBands: PlanState['gradingBands'];
  defaultGradingBands: ReturnType<typeof gradingBandsFor>;
  bodies: PlanState['bodies'][string][];
  groupings: PlanState['groupings'][string][];
}

@ApiTags('plan')
@ApiBearerAuth()
@Controller('v1/plan')
export class GetPlanHttpController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Roles('recorder', 'analyst', 'auditor')
  @ApiOperation({
    summary: 'The plan: measures, KPIs with their targets, grading bands, bodies, groupings',
  })
  @ApiOkResponse({ description: 'The plan as recorded in its stream' })
  async get(): Promise<PlanResponse> {
    const plan = await readPlan(this.store);
    return {
      // Keys like '1' and '4' would come first in object order; the plan's order is ①…⑤.
      measures: Object.values(plan.measures).sort(
        (a, b) => MEASURE_IDS.indexOf(a.measureId) - MEASURE_IDS.indexOf(b.measureId),
      ),
      kpis: Object.values(plan.kpis).map((kpi) => ({
        ...kpi,
        targets: plan.targets.filter((target) => target.kpiId === kpi.kpiId),
      })),
      gradingBands: plan.gradingBands,
      // Bands in force when the plan records none: the domain's default scale.
      defaultGradingBands: gradingBandsFor({ ...plan, gradingBands: [] }, 0),
      bodies: Object.values(plan.bodies),
      groupings: Object.values(plan.groupings),
    };
  }
}
