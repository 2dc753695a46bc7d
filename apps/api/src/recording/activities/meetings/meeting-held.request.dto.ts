import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEETING_KINDS } from '@ledger/domain';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ActivityDataRequest } from '../activity-data.request.dto';
import { IsFreeText, IsSlug } from '../activity-field.validators';

/** `data` of MeetingHeld: a seminar, visit, opinion exchange, liaison meeting, case conference or lecture. */
export class MeetingHeldRequestData extends ActivityDataRequest {
  @ApiProperty({ description: 'Kind of meeting; decides the measure', enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS, { message: `must be one of: ${MEETING_KINDS.join(', ')}` })
  kind!: string;

  @ApiProperty({ description: 'Title as announced' })
  @IsFreeText(200)
  title!: string;

  @ApiPropertyOptional({ description: 'Attendance' })
  @IsOptional()
  @IsInt({ message: 'must be an integer' })
  @Min(0, { message: 'must be at least 0' })
  attendees?: number;

  @ApiPropertyOptional({
    description:
      'Block of the grouping that organised it, e.g. central (required for liaison meetings)',
  })
  @IsOptional()
  @IsSlug()
  blockId?: string;

  @ApiPropertyOptional({ description: 'How many municipalities took part' })
  @IsOptional()
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  @Max(34, { message: 'must be at most 34' })
  municipalitiesTakingPart?: number;
}
