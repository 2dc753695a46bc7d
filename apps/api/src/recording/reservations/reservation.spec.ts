import {
  ReservationEvent,
  STALE_CLAIM_MS,
  decideReservation,
  evolveReservation,
  initialReservation,
} from './reservation';

const A = '0b9a6a4e-8f0c-4e55-9d67-5d1b3c1f0a01';
const B = '0b9a6a4e-8f0c-4e55-9d67-5d1b3c1f0a02';
const reservedAt = new Date('2024-01-10T00:00:00Z');
const soon = new Date(reservedAt.getTime() + 1_000);
const later = new Date(reservedAt.getTime() + STALE_CLAIM_MS + 1);

function given(...events: ReservationEvent[]) {
  return events.reduce(
    (state, event, revision) => evolveReservation(state, event, revision, reservedAt),
    initialReservation,
  );
}

describe('reservation decider', () => {
  it('given no stream, reserves with no_stream', () => {
    expect(decideReservation(given(), A, soon, false)).toEqual({
      kind: 'reserve',
      events: [{ type: 'ClaimReserved', data: { eventId: A } }],
      expectedRevision: 'no_stream',
    });
  });

  it('given our own claim, goes on without writing (a retried batch)', () => {
    expect(
      decideReservation(given({ type: 'ClaimReserved', data: { eventId: A } }), A, soon, false),
    ).toEqual({
      kind: 'held-by-us',
    });
  });

  it("given another event's recorded claim, refuses", () => {
    const state = given({ type: 'ClaimReserved', data: { eventId: A } });

    expect(decideReservation(state, B, later, true)).toEqual({ kind: 'taken', byEventId: A });
  });

  it('given a fresh claim whose event is not recorded yet, refuses: that request may be in flight', () => {
    const state = given({ type: 'ClaimReserved', data: { eventId: A } });

    expect(decideReservation(state, B, soon, false)).toEqual({ kind: 'taken', byEventId: A });
  });

  it('given a stale claim whose event was never recorded, releases it and reserves at its revision', () => {
    const state = given({ type: 'ClaimReserved', data: { eventId: A } });

    expect(decideReservation(state, B, later, false)).toEqual({
      kind: 'reserve',
      events: [
        { type: 'ClaimReleased', data: { eventId: A, reason: 'claimer-never-recorded' } },
        { type: 'ClaimReserved', data: { eventId: B } },
      ],
      expectedRevision: 0,
    });
  });

  it('given a released claim, reserves after the release', () => {
    const state = given(
      { type: 'ClaimReserved', data: { eventId: A } },
      { type: 'ClaimReleased', data: { eventId: A, reason: 'batch-refused' } },
    );

    expect(decideReservation(state, B, soon, false)).toEqual({
      kind: 'reserve',
      events: [{ type: 'ClaimReserved', data: { eventId: B } }],
      expectedRevision: 1,
    });
  });
});
