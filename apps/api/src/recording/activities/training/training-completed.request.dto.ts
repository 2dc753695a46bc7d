import { ApiProperty } from '@nestjs/swagger';
import { TRAINING_COURSE_IDS } from '@ledger/domain';
import { IsIn, IsInt, Min } from 'class-validator';
import { ActivityDataRequest } from '../activity-data.request.dto';

/** `data` of TrainingCompleted: support staff completed a course run by another body. */
export class TrainingCompletedRequestData extends ActivityDataRequest {
  @ApiProperty({ description: 'The course; decides the measure', enum: TRAINING_COURSE_IDS })
  @IsIn(TRAINING_COURSE_IDS, { message: `must be one of: ${TRAINING_COURSE_IDS.join(', ')}` })
  courseId!: string;

  @ApiProperty({ description: 'How many staff completed it' })
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  completions!: number;
}
