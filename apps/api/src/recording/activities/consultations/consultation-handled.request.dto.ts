import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONSULTATION_CHANNELS } from '@ledger/domain';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ActivityDataRequest } from '../activity-data.request.dto';
import { IsPersonId } from '../activity-field.validators';

/** `data` of ConsultationHandled: a consultation was handled. */
export class ConsultationHandledRequestData extends ActivityDataRequest {
  @ApiProperty({ description: 'email, phone or in_person', enum: CONSULTATION_CHANNELS })
  @IsIn(CONSULTATION_CHANNELS, { message: `must be one of: ${CONSULTATION_CHANNELS.join(', ')}` })
  channel!: string;

  @ApiProperty({ description: 'Whether the person consulting is of the ice-age generation' })
  @IsBoolean({ message: 'must be true or false' })
  iceAgeGeneration!: boolean;

  @ApiPropertyOptional({ description: 'Pseudonymous id of the person' })
  @IsOptional()
  @IsPersonId()
  personId?: string;
}
