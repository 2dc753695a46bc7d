import { ApiProperty } from '@nestjs/swagger';

export class RecordedEventResponse {
  @ApiProperty()
  id!: string;

  @ApiProperty({
    description: "Position in the store's global order; read models can be awaited up to it",
  })
  position!: number;
}

export class RecordActivitiesResponse {
  @ApiProperty({ type: [RecordedEventResponse], description: 'In the order sent' })
  events!: RecordedEventResponse[];

  @ApiProperty({
    description:
      'The highest position of the batch: pass it as `waitForPosition` to a query to read this write',
  })
  lastPosition!: number;
}
