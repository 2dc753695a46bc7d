import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { MunicipalActivityDataRequest } from '../activity-data.request.dto';
import { IsPersonId } from '../activity-field.validators';

/** `data` of OutreachVisitMade: an outreach worker visited a home. */
export class OutreachVisitMadeRequestData extends MunicipalActivityDataRequest {
  @ApiPropertyOptional({ description: 'Pseudonymous id of the person visited' })
  @IsOptional()
  @IsPersonId()
  personId?: string;
}
