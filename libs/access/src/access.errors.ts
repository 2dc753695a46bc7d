/** Refusals of the access library, each with a stable code for callers to map. */
export class AccessError extends Error {
  constructor(
    readonly code: 'invalid-role' | 'body-required' | 'unknown-key',
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
