import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BREAKDOWNS } from './get-metrics.request.dto';

export class MetricTotalResponse {
  @ApiProperty({ example: 'outreach-home-visits' })
  metricId!: string;

  @ApiProperty({ example: '3a' })
  measureId!: string;

  @ApiProperty({ example: '自宅等訪問件数（延べ）' })
  label!: string;

  @ApiProperty({ example: '件' })
  unit!: string;

  @ApiProperty({ example: 2023 })
  fiscalYear!: number;

  @ApiProperty({ example: 228 })
  value!: number;
}

export class MetricBreakdownRowResponse {
  @ApiProperty({ example: 'outreach-home-visits' })
  metricId!: string;

  @ApiProperty({ example: 2023 })
  fiscalYear!: number;

  @ApiProperty({
    example: '39403',
    description:
      'Municipality code (empty when none was recorded), month (2023-06) or `groupingId/memberId`',
  })
  key!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed' })
  value!: number | null;

  @ApiProperty({ description: 'Hidden by the small-count rule (see `suppression`)' })
  suppressed!: boolean;
}

export class SuppressionResponse {
  @ApiProperty({ example: 3, description: 'Person-level counts from 1 to this minus 1 are hidden' })
  threshold!: number;

  @ApiProperty()
  rule!: string;
}

export class MetricReportResponse {
  @ApiProperty({ example: 2023 })
  fiscalYear!: number;

  @ApiProperty({ type: String, nullable: true, example: '3a' })
  measureId!: string | null;

  @ApiProperty({ enum: ['total', ...BREAKDOWNS] })
  breakdown!: string;

  @ApiProperty({
    type: [MetricTotalResponse],
    description: 'Every metric, zero when nothing counted',
  })
  totals!: MetricTotalResponse[];

  @ApiProperty({
    type: [MetricBreakdownRowResponse],
    description: 'Empty without `by`; municipality and month rows only where a value was counted',
  })
  rows!: MetricBreakdownRowResponse[];

  @ApiPropertyOptional({
    type: SuppressionResponse,
    nullable: true,
    description:
      'The small-count rule, when it was applied to this answer (analysts, by=municipality)',
  })
  suppression!: SuppressionResponse | null;
}
