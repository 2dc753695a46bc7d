import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { ActivityDataRequest } from '../activity-data.request.dto';
import { IsFreeText } from '../activity-field.validators';

/** `data` of FestaHeld: the community-inclusion Festa took place. */
export class FestaHeldRequestData extends ActivityDataRequest {
  @ApiProperty({ description: 'Title of the Festa' })
  @IsFreeText(200)
  title!: string;

  @ApiProperty({ description: 'Total attendance as counted by the organisers' })
  @IsInt({ message: 'must be an integer' })
  @Min(0, { message: 'must be at least 0' })
  participants!: number;
}
