import { ApiProperty } from '@nestjs/swagger';

export class KpiGoalResponse {
  @ApiProperty({ example: 54, description: 'The multi-year goal' })
  value!: number;

  @ApiProperty({ example: 2023 })
  fromFiscalYear!: number;

  @ApiProperty({ example: 2024 })
  toFiscalYear!: number;
}

export class KpiPaceResponse {
  @ApiProperty({ example: '2023-10-01', description: 'The date in Japan the pace is for' })
  asOf!: string;

  @ApiProperty({ example: 0.5, description: 'Elapsed share of the fiscal year' })
  elapsedShare!: number;

  @ApiProperty({ example: 11, description: "This year's target pro-rated by the elapsed share" })
  paceTarget!: number;

  @ApiProperty()
  onPace!: boolean;
}

export class KpiResponse {
  @ApiProperty({ example: 'KPI1' })
  kpiId!: string;

  @ApiProperty({ example: '①' })
  numbering!: string;

  @ApiProperty()
  definition!: string;

  @ApiProperty({ example: '人' })
  unit!: string;

  @ApiProperty({ description: 'The metric whose value is the actual' })
  metricId!: string;

  @ApiProperty({ example: 2023 })
  fiscalYear!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 22,
    description: "The fiscal year's target",
  })
  target!: number | null;

  @ApiProperty({ example: 4, description: 'Derived from the recorded activities, never entered' })
  actual!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.1818,
    description: 'actual ÷ target (1 = 100%)',
  })
  achievementRate!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'D',
    description: "By the plan's grading bands",
  })
  grade!: string | null;

  @ApiProperty({ type: KpiGoalResponse, nullable: true })
  goal!: KpiGoalResponse | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Sum of the yearly actuals from the goal's first fiscal year to this one",
  })
  cumulativeActual!: number | null;

  @ApiProperty({
    type: KpiPaceResponse,
    nullable: true,
    description: 'Only while the fiscal year runs',
  })
  pace!: KpiPaceResponse | null;
}

export class KpisResponse {
  @ApiProperty({ example: 2023 })
  fiscalYear!: number;

  @ApiProperty({ type: [KpiResponse] })
  kpis!: KpiResponse[];
}
