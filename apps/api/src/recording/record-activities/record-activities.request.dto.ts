import { ApiProperty } from '@nestjs/swagger';
import { ACTIVITY_TYPE_NAMES } from '@ledger/domain';
import { IsIn, IsObject } from 'class-validator';
import { IsEventId, IsExistingDate } from '../activities/activity-field.validators';

export const MAX_EVENTS_PER_BATCH = 1000;

/** One event of a batch as a client sends it; never stored as such (see `toNewEvents`). */
export class ActivityEventRequest {
  @ApiProperty({ description: 'Chosen by the client (a UUID), so a retry never records twice' })
  @IsEventId()
  id!: string;

  @ApiProperty({ enum: ACTIVITY_TYPE_NAMES, example: 'ConsultationHandled' })
  @IsIn(ACTIVITY_TYPE_NAMES, { message: 'is not a known activity type' })
  type!: string;

  @ApiProperty({ description: 'When it happened: a date in Japan time', example: '2023-06-02' })
  @IsExistingDate()
  occurredOn!: string;

  @ApiProperty({
    description:
      "The fields of the activity type (see the activity catalogue); bodyId defaults to the key's body",
    type: 'object',
    additionalProperties: true,
    example: { channel: 'phone', iceAgeGeneration: true },
  })
  @IsObject({ message: 'must be an object' })
  data!: Record<string, unknown>;
}

export class RecordActivitiesRequest {
  @ApiProperty({ type: [ActivityEventRequest], minItems: 1, maxItems: MAX_EVENTS_PER_BATCH })
  events!: ActivityEventRequest[];
}
