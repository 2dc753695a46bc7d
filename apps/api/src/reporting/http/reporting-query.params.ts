import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform, TransformFnParams } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

/** Query strings are text: digits become a number, anything else stays for IsInt to refuse. */
export function integerFromQuery({ value }: TransformFnParams): unknown {
  return typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value;
}

export const RESPONSE_FORMATS = ['json', 'csv'] as const;
export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];

/** What every read-side query takes: the fiscal year, read-your-writes and the format. */
export class ReportingQueryParams {
  @ApiProperty({
    type: 'integer',
    example: 2023,
    description: 'Fiscal year (April to March), named by the calendar year it starts in',
  })
  @Transform(integerFromQuery)
  // Checked bottom-up and only the first failure is reported: "not an integer" comes first.
  @Min(2000)
  @Max(2099)
  @IsInt()
  fiscalYear!: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description:
      'Read your writes: the `lastPosition` a POST /v1/events answered. The query waits (at most ' +
      '5 s) until the read models include that position, or answers 503 with Retry-After.',
  })
  @IsOptional()
  @Transform(integerFromQuery)
  @Min(0)
  @IsInt()
  waitForPosition?: number;

  @ApiPropertyOptional({
    enum: RESPONSE_FORMATS,
    description:
      'json (default) or csv (UTF-8 with a BOM, for Excel); `Accept: text/csv` asks for CSV too',
  })
  @IsOptional()
  @IsIn(RESPONSE_FORMATS)
  format?: ResponseFormat;
}
