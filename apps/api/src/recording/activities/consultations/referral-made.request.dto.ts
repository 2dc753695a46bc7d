import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REFERRAL_SUBJECTS } from '@ledger/domain';
import { IsIn, IsOptional } from 'class-validator';
import { ActivityDataRequest } from '../activity-data.request.dto';
import { IsPersonId, IsSlug } from '../activity-field.validators';

/** `data` of ReferralMade: a person or their family was referred onward. */
export class ReferralMadeRequestData extends ActivityDataRequest {
  @ApiProperty({ description: 'Slug of the body referred to' })
  @IsSlug()
  referredTo!: string;

  @ApiProperty({ description: 'person or family', enum: REFERRAL_SUBJECTS })
  @IsIn(REFERRAL_SUBJECTS, { message: `must be one of: ${REFERRAL_SUBJECTS.join(', ')}` })
  subject!: string;

  @ApiPropertyOptional({ description: 'Pseudonymous id of the person' })
  @IsOptional()
  @IsPersonId()
  personId?: string;
}
