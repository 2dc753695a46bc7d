import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OUTREACH_CONTACT_PARTIES } from '@ledger/domain';
import { IsIn, IsOptional } from 'class-validator';
import { MunicipalActivityDataRequest } from '../activity-data.request.dto';
import { IsPersonId } from '../activity-field.validators';

/** `data` of OutreachContactMade: an outreach worker made contact with the person or their family. */
export class OutreachContactMadeRequestData extends MunicipalActivityDataRequest {
  @ApiProperty({ description: 'person or family', enum: OUTREACH_CONTACT_PARTIES })
  @IsIn(OUTREACH_CONTACT_PARTIES, {
    message: `must be one of: ${OUTREACH_CONTACT_PARTIES.join(', ')}`,
  })
  with!: string;

  @ApiPropertyOptional({ description: 'Pseudonymous id of the person supported' })
  @IsOptional()
  @IsPersonId()
  personId?: string;
}
