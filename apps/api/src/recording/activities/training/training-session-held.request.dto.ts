import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TRAINING_COURSE_IDS } from '@ledger/domain';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ActivityDataRequest } from '../activity-data.request.dto';
import { IsFreeText } from '../activity-field.validators';

/** `data` of TrainingSessionHeld: a training session was held. */
export class TrainingSessionHeldRequestData extends ActivityDataRequest {
  @ApiProperty({ description: 'The course; decides the measure', enum: TRAINING_COURSE_IDS })
  @IsIn(TRAINING_COURSE_IDS, { message: `must be one of: ${TRAINING_COURSE_IDS.join(', ')}` })
  courseId!: string;

  @ApiProperty({ description: 'Title of the session' })
  @IsFreeText(200)
  title!: string;

  @ApiProperty({ description: 'Attendance' })
  @IsInt({ message: 'must be an integer' })
  @Min(0, { message: 'must be at least 0' })
  attendees!: number;

  @ApiPropertyOptional({ description: 'Venue' })
  @IsOptional()
  @IsFreeText(200)
  venue?: string;

  @ApiPropertyOptional({ description: '第N回: the round, for courses counted round by round' })
  @IsOptional()
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  @Max(99, { message: 'must be at most 99' })
  sessionNumber?: number;
}
