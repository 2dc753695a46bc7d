import { ApiProperty } from '@nestjs/swagger';
import { INTEGRATED_PROGRAMME_STATUSES } from '@ledger/domain';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { MunicipalActivityDataRequest } from '../activity-data.request.dto';

/** `data` of IntegratedProgrammeJoined: a municipality runs or intends to run the integrated support programme. */
export class IntegratedProgrammeJoinedRequestData extends MunicipalActivityDataRequest {
  @ApiProperty({ description: 'Fiscal year the programme runs in (named by the year it starts)' })
  @IsInt({ message: 'must be an integer' })
  @Min(2000, { message: 'must be at least 2000' })
  @Max(2100, { message: 'must be at most 2100' })
  fiscalYear!: number;

  @ApiProperty({
    description: 'joined, or intending for a later year',
    enum: INTEGRATED_PROGRAMME_STATUSES,
  })
  @IsIn(INTEGRATED_PROGRAMME_STATUSES, {
    message: `must be one of: ${INTEGRATED_PROGRAMME_STATUSES.join(', ')}`,
  })
  status!: string;
}
