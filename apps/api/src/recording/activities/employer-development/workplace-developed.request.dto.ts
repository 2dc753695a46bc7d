import { ApiProperty } from '@nestjs/swagger';
import { ActivityDataRequest } from '../activity-data.request.dto';
import { IsSlug } from '../activity-field.validators';

/** `data` of WorkplaceDeveloped: an employer agreed to offer workplace experience. */
export class WorkplaceDevelopedRequestData extends ActivityDataRequest {
  @ApiProperty({ description: 'Slug of the employer' })
  @IsSlug()
  employerId!: string;
}
