import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  Matches,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ReportingQueryParams } from '../http/reporting-query.params';

export const BREAKDOWNS = ['municipality', 'month', 'grouping'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

@ValidatorConstraint({ name: 'onlyWithGroupingBreakdown' })
class OnlyWithGroupingBreakdown implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    return (args.object as MeasureMetricsQueryParams).by === 'grouping';
  }

  defaultMessage(): string {
    return 'grouping is only meaningful with by=grouping';
  }
}

/** GET /v1/measures/:measureId/metrics */
export class MeasureMetricsQueryParams extends ReportingQueryParams {
  @ApiPropertyOptional({
    enum: BREAKDOWNS,
    description: 'Break each metric down; without it, only the fiscal-year totals',
  })
  @IsOptional()
  @IsIn(BREAKDOWNS)
  by?: Breakdown;

  @ApiPropertyOptional({
    example: 'welfare-office-areas',
    description:
      'With by=grouping (required then): a grouping of municipalities recorded in the plan, ' +
      'e.g. welfare-office-areas or support-center-blocks (see GET /v1/plan)',
  })
  @ValidateIf(
    (params: MeasureMetricsQueryParams) =>
      params.by === 'grouping' || params.grouping !== undefined,
  )
  @Matches(SLUG, { message: 'grouping must be a grouping id such as welfare-office-areas' })
  @Validate(OnlyWithGroupingBreakdown)
  grouping?: string;
}

/** GET /v1/metrics */
export class MetricsQueryParams extends MeasureMetricsQueryParams {
  @ApiPropertyOptional({
    example: '3a',
    description: "Only this measure's metrics (①=1, ②ア=2a, ③ア=3a, …); all measures without it",
  })
  @IsOptional()
  @Matches(/^[0-9a-z]{1,8}$/, { message: 'measureId must be a measure id such as 3a' })
  measureId?: string;
}
