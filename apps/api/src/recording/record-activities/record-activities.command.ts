/** One activity as the recording use case receives it, from HTTP or from the demo data. */
export interface ActivityToRecord {
  id: string;
  type: string;
  /**
   * The version `data` is written in; the current one unless given. Only imports of data
   * recorded earlier (the demo's FY2023 records) give an older one; HTTP never does.
   */
  schemaVersion?: number;
  occurredOn: string;
  /** The activity's fields, `bodyId` already resolved; without `occurredOn`. */
  data: Record<string, unknown>;
}

/** Who records: the key's principal and the body it acts for (none for admins and the system). */
export interface Recorder {
  principal: string;
  keyId?: string;
  bodyId: string | null;
}

/** Records a batch of activities, all or nothing. */
export class RecordActivities {
  constructor(
    readonly activities: readonly ActivityToRecord[],
    readonly recorder: Recorder,
    readonly correlationId: string,
    readonly causationId: string,
  ) {}
}

export interface RecordedActivities {
  streamId: string;
  /** False when the same batch was recorded before: nothing new was written. */
  written: boolean;
  events: { id: string; position: number }[];
}
