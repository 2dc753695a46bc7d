import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsEventId, IsFreeText, IsSlug } from '../activity-field.validators';

/** `data` of RecordRetracted: a recorded activity is retracted as a mistake. */
export class RecordRetractedRequestData {
  @ApiPropertyOptional({
    description: "Body the retraction is recorded for; defaults to the key's body",
  })
  @IsOptional()
  @IsSlug()
  bodyId?: string;

  @ApiProperty({
    description: 'Id of the recorded event retracted; each event is retracted at most once',
  })
  @IsEventId()
  eventId!: string;

  @ApiProperty({ description: 'Why it was a mistake' })
  @IsFreeText(500)
  reason!: string;
}
