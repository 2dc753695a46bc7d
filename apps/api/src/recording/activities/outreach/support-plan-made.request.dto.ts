import { ApiProperty } from '@nestjs/swagger';
import { MunicipalActivityDataRequest } from '../activity-data.request.dto';
import { IsPersonId } from '../activity-field.validators';

/** `data` of SupportPlanMade: a support plan was made for a person reached by outreach. */
export class SupportPlanMadeRequestData extends MunicipalActivityDataRequest {
  @ApiProperty({ description: 'Pseudonymous id of the person' })
  @IsPersonId()
  personId!: string;
}
