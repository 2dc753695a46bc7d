import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SURVEY_TOP_ISSUES } from '@ledger/domain';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ActivityDataRequest } from '../activity-data.request.dto';
import { IsSlug } from '../activity-field.validators';

/** `data` of SurveyAnswered: an attendee answered the Festa survey (anonymous). */
export class SurveyAnsweredRequestData extends ActivityDataRequest {
  @ApiProperty({ description: 'The survey, e.g. kochike-festa-2023' })
  @IsSlug()
  surveyId!: string;

  @ApiProperty({ description: 'Whether the respondent is of the ice-age generation' })
  @IsBoolean({ message: 'must be true or false' })
  iceAgeGeneration!: boolean;

  @ApiProperty({ description: 'Learned of the hikikomori consultation desk through the Festa' })
  @IsBoolean({ message: 'must be true or false' })
  learnedOfConsultationDesk!: boolean;

  @ApiPropertyOptional({ description: 'Issue of most interest', enum: SURVEY_TOP_ISSUES })
  @IsOptional()
  @IsIn(SURVEY_TOP_ISSUES, { message: `must be one of: ${SURVEY_TOP_ISSUES.join(', ')}` })
  topIssue?: string;
}
