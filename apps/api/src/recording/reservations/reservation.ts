/**
 * A reservation stream guards an invariant that spans batches: at most one event may claim
 * it (`declaration-<organizationId>`: an organisation signs the declaration once;
 * `retraction-<eventId>`: an event is retracted once). The claim is written, with an
 * expected revision, before the batch that contains the claiming event; if that batch is
 * then refused, the claim is released again.
 */
export type ReservationEvent =
  | { type: 'ClaimReserved'; data: { eventId: string } }
  | {
      type: 'ClaimReleased';
      data: { eventId: string; reason: 'batch-refused' | 'claimer-never-recorded' };
    };

export type ReservationState =
  | { status: 'free'; revision: number | 'no_stream' }
  | { status: 'held'; revision: number; eventId: string; reservedAt: Date };

export const initialReservation: ReservationState = { status: 'free', revision: 'no_stream' };

export function evolveReservation(
  _state: ReservationState,
  event: ReservationEvent,
  revision: number,
  recordedAt: Date,
): ReservationState {
  // A reservation's state is decided by its last event alone.
  switch (event.type) {
    case 'ClaimReserved':
      return { status: 'held', revision, eventId: event.data.eventId, reservedAt: recordedAt };
    case 'ClaimReleased':
      return { status: 'free', revision };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

/** How long a claim whose event never got recorded is presumed to be a request in flight. */
export const STALE_CLAIM_MS = 60_000;

export type ReservationDecision =
  /** Ours already: a retry of the same batch. */
  | { kind: 'held-by-us' }
  | { kind: 'reserve'; events: ReservationEvent[]; expectedRevision: number | 'no_stream' }
  | { kind: 'taken'; byEventId: string };

/**
 * `claimerRecorded` says whether the current holder's event is in the store; only asked
 * when another event holds the claim.
 */
export function decideReservation(
  state: ReservationState,
  eventId: string,
  now: Date,
  claimerRecorded: boolean,
): ReservationDecision {
  const reserve: ReservationEvent = { type: 'ClaimReserved', data: { eventId } };
  if (state.status === 'free') {
    return { kind: 'reserve', events: [reserve], expectedRevision: state.revision };
  }
  if (state.eventId === eventId) return { kind: 'held-by-us' };
  // A process that died between claiming and recording leaves a claim nobody will use.
  const stale = !claimerRecorded && now.getTime() - state.reservedAt.getTime() > STALE_CLAIM_MS;
  if (stale) {
    return {
      kind: 'reserve',
      events: [
        {
          type: 'ClaimReleased',
          data: { eventId: state.eventId, reason: 'claimer-never-recorded' },
        },
        reserve,
      ],
      expectedRevision: state.revision,
    };
  }
  return { kind: 'taken', byEventId: state.eventId };
}

/** Reads a stored reservation event; anything else in a reservation stream is a bug. */
export function toReservationEvent(stored: {
  type: string;
  data: Readonly<Record<string, unknown>>;
}): ReservationEvent {
  const eventId = stored.data.eventId;
  if (typeof eventId !== 'string')
    throw new Error(`reservation event without eventId: ${stored.type}`);
  if (stored.type === 'ClaimReserved') return { type: 'ClaimReserved', data: { eventId } };
  if (stored.type === 'ClaimReleased') {
    const reason =
      stored.data.reason === 'claimer-never-recorded' ? 'claimer-never-recorded' : 'batch-refused';
    return { type: 'ClaimReleased', data: { eventId, reason } };
  }
  throw new Error(`not a reservation event: ${stored.type}`);
}
