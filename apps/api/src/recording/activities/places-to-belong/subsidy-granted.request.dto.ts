import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { ActivityDataRequest } from '../activity-data.request.dto';
import { IsFreeText, IsSlug } from '../activity-field.validators';

/** `data` of SubsidyGranted: a private group was granted a subsidy for a place to belong. */
export class SubsidyGrantedRequestData extends ActivityDataRequest {
  @ApiProperty({ description: 'Slug of the group granted the subsidy' })
  @IsSlug()
  recipientId!: string;

  @ApiProperty({ description: "The group's public name" })
  @IsFreeText(200)
  recipientName!: string;

  @ApiPropertyOptional({ description: 'Amount granted in yen' })
  @IsOptional()
  @IsInt({ message: 'must be an integer' })
  @Min(0, { message: 'must be at least 0' })
  amountYen?: number;
}
