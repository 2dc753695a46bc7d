import { Refusal } from '../problem-details/refusal';

/** One bad event of a batch, in the terms of the request: its index, id and field. */
export interface EventError {
  /** Position of the event in the request's `events`; absent for errors of the whole body. */
  index?: number;
  id?: unknown;
  /** Path inside the event, e.g. `occurredOn` or `data.municipalityCode`. */
  field: string;
  reason: string;
}

export class InvalidEventsRefusal extends Refusal {
  readonly kind = 'invalid';
  readonly code = 'invalid-events';
  readonly title = 'Invalid events';

  constructor(readonly errors: readonly EventError[]) {
    super(describe(errors));
  }

  override extensions(): Record<string, unknown> {
    return { errors: this.errors };
  }
}

function describe(errors: readonly EventError[]): string {
  const events = new Set(errors.filter((e) => e.index !== undefined).map((e) => e.index));
  const scope =
    events.size === 0 ? 'The request body is' : `${events.size} event(s) of the batch are`;
  return `${scope} not valid (${errors.length} error(s)); nothing of the batch was recorded.`;
}

/** A domain invariant that spans batches would be broken: the batch is refused whole. */
export class InvariantRefusal extends Refusal {
  readonly kind = 'conflict';

  constructor(
    readonly code: 'declaration-already-signed' | 'already-retracted',
    readonly title: string,
    detail: string,
    readonly errors: readonly EventError[],
  ) {
    super(detail);
  }

  override extensions(): Record<string, unknown> {
    return { errors: this.errors };
  }
}

/** The batch's first id names an earlier batch with other events in it. */
export class BatchIdTakenRefusal extends Refusal {
  readonly kind = 'conflict';
  readonly code = 'event-id-already-recorded';
  readonly title = 'Event id already recorded';

  constructor(readonly firstEventId: string) {
    super(
      `Event ${firstEventId} was already recorded in another batch with other events. Send a new id for a new event, or resend the original batch unchanged.`,
    );
  }

  override extensions(): Record<string, unknown> {
    return { eventIds: [this.firstEventId] };
  }
}
