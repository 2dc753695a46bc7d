import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EMPLOYMENT_INDUSTRIES } from '@ledger/domain';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ActivityDataRequest } from '../activity-data.request.dto';
import { IsPersonId, IsSlug } from '../activity-field.validators';

/** `data` of EmploymentStarted: a work-experience participant started ordinary employment. */
export class EmploymentStartedRequestData extends ActivityDataRequest {
  @ApiProperty({ description: 'Pseudonymous id of the participant' })
  @IsPersonId()
  personId!: string;

  @ApiProperty({ description: 'Whether the person is of the ice-age generation' })
  @IsBoolean({ message: 'must be true or false' })
  iceAgeGeneration!: boolean;

  @ApiProperty({ description: 'Industry of the new employment', enum: EMPLOYMENT_INDUSTRIES })
  @IsIn(EMPLOYMENT_INDUSTRIES, { message: `must be one of: ${EMPLOYMENT_INDUSTRIES.join(', ')}` })
  industry!: string;

  @ApiPropertyOptional({ description: 'Base the person came from' })
  @IsOptional()
  @IsSlug()
  baseId?: string;
}
