import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsEventId, IsMunicipalityCode, IsSlug } from './activity-field.validators';

/**
 * Fields every activity's `data` may carry. `occurredOn` is not among them: it travels
 * beside `data` in the request envelope. `bodyId` defaults to the body of the key.
 */
export abstract class ActivityDataRequest {
  @ApiPropertyOptional({
    description: "Body the activity is recorded for; defaults to the key\'s body",
    example: 'peer-support-center',
  })
  @IsOptional()
  @IsSlug()
  bodyId?: string;

  @ApiPropertyOptional({
    description: 'JIS code of the municipality it concerns',
    example: '39201',
  })
  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string;

  @ApiPropertyOptional({ description: 'Id of an earlier event this one corrects' })
  @IsOptional()
  @IsEventId()
  supersedes?: string;
}

/** For activities that only make sense in one municipality. */
export abstract class MunicipalActivityDataRequest {
  @ApiPropertyOptional({
    description: "Body the activity is recorded for; defaults to the key\'s body",
  })
  @IsOptional()
  @IsSlug()
  bodyId?: string;

  @ApiProperty({ description: 'JIS code of the municipality', example: '39403' })
  @IsMunicipalityCode()
  municipalityCode!: string;

  @ApiPropertyOptional({ description: 'Id of an earlier event this one corrects' })
  @IsOptional()
  @IsEventId()
  supersedes?: string;
}
