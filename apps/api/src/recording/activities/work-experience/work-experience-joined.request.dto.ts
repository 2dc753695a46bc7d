import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { ActivityDataRequest } from '../activity-data.request.dto';
import { IsPersonId, IsSlug } from '../activity-field.validators';

/** `data` of WorkExperienceJoined: a person joined work experience at a base. */
export class WorkExperienceJoinedRequestData extends ActivityDataRequest {
  @ApiProperty({ description: 'Pseudonymous id of the participant' })
  @IsPersonId()
  personId!: string;

  @ApiProperty({ description: 'Slug of the work-experience base' })
  @IsSlug()
  baseId!: string;

  @ApiProperty({ description: 'Whether the participant is of the ice-age generation' })
  @IsBoolean({ message: 'must be true or false' })
  iceAgeGeneration!: boolean;
}
