/** Raised when a stored event cannot be read: the catalogue no longer knows its type or version. */
export class UnreadableActivityError extends Error {
  constructor(
    readonly code: 'unknown-activity-type' | 'unknown-schema-version',
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableActivityError';
  }
}
