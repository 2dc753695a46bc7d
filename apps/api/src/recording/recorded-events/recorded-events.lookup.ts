/** Which of some event ids are in the store; what a retraction needs to know of its target. */
export interface RecordedEventsLookup {
  /**
   * `likely` says what the caller expects the ids to be, so the lookup can answer the usual
   * case cheaply: ids an event refers to are nearly always recorded (and then need no
   * catch-up), a batch's own ids nearly always new (and then need one). The answer is the
   * same either way.
   */
  findExisting(ids: readonly string[], likely?: 'recorded' | 'new'): Promise<Set<string>>;
  /**
   * Tells the lookup about events just appended, so the next lookup sees them at once; it
   * may store them after it returns (the store holds them anyway).
   */
  remember(events: readonly { id: string; position: number }[]): Promise<void>;
  /** Brings the lookup up to the store's head; start-up calls it after a possible crash. */
  catchUp(): Promise<void>;
}

export const RECORDED_EVENTS_LOOKUP = Symbol('RecordedEventsLookup');
