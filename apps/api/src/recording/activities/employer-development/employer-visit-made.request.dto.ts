import { ApiProperty } from '@nestjs/swagger';
import { ActivityDataRequest } from '../activity-data.request.dto';
import { IsSlug } from '../activity-field.validators';

/** `data` of EmployerVisitMade: an employer was visited to develop placements. */
export class EmployerVisitMadeRequestData extends ActivityDataRequest {
  @ApiProperty({ description: 'Slug of the employer visited' })
  @IsSlug()
  employerId!: string;
}
