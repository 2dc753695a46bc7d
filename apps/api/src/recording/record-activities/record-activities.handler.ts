import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  DuplicateEventIdError,
  EventStore,
  NewEvent,
  StoredEvent,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '@ledger/event-store';
import { randomUUID } from 'node:crypto';
import { CLOCK, Clock, EVENT_STORE } from '../../stores/stores.tokens';
import {
  RECORDED_EVENTS_LOOKUP,
  RecordedEventsLookup,
} from '../recorded-events/recorded-events.lookup';
import { BatchIdTakenRefusal, InvalidEventsRefusal, InvariantRefusal } from '../recording.refusals';
import {
  ReservationEvent,
  ReservationState,
  decideReservation,
  evolveReservation,
  initialReservation,
  toReservationEvent,
} from '../reservations/reservation';
import { RecordActivities, RecordedActivities } from './record-activities.command';
import {
  Claim,
  claimTaken,
  claimsOf,
  recordingStreamOf,
  referencesOf,
  toNewEvents,
  unknownReferences,
  validateActivities,
} from './record-activities.decide';

/** Concurrent claims on one reservation are rare; a handful of reloads settles them. */
const MAX_ATTEMPTS = 5;

/**
 * Records a batch: validates it by the domain's rules, checks that what it refers to
 * exists, takes the claims its invariants need, then appends the whole batch to its own
 * stream in one append. A concurrent change to a claim is retried from a fresh load; if it
 * keeps happening the conflict reaches the client (412), it is never swallowed.
 */
@CommandHandler(RecordActivities)
export class RecordActivitiesHandler implements ICommandHandler<
  RecordActivities,
  RecordedActivities
> {
  private readonly logger = new Logger(RecordActivitiesHandler.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RECORDED_EVENTS_LOOKUP) private readonly recorded: RecordedEventsLookup,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async execute(command: RecordActivities): Promise<RecordedActivities> {
    const errors = validateActivities(command.activities);
    if (errors.length > 0) throw new InvalidEventsRefusal(errors);
    const claims = claimsOf(command.activities);

    for (let attempt = 1; ; attempt++) {
      try {
        return await this.record(command, claims);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async record(
    command: RecordActivities,
    claims: readonly Claim[],
  ): Promise<RecordedActivities> {
    const references = referencesOf(command.activities);
    // Both only read, so they go side by side; an unknown reference is still the refusal
    // reported first.
    const [recorded, reusedIds] = await Promise.allSettled([
      this.recorded.findExisting(
        references.map((reference) => reference.targetId),
        'recorded',
      ),
      // Without claims the append itself refuses reused ids before writing anything.
      claims.length > 0 ? this.refuseIdsRecordedElsewhere(command) : Promise.resolve(),
    ]);
    if (recorded.status === 'rejected') throw recorded.reason;
    const unknown = unknownReferences(command.activities, references, recorded.value);
    if (unknown.length > 0) throw new InvalidEventsRefusal(unknown);
    if (reusedIds.status === 'rejected') throw reusedIds.reason;

    const taken: { claim: Claim; revision: number }[] = [];
    try {
      await this.reserveAll(claims, taken);
      return await this.append(command);
    } catch (error) {
      // Only a definite refusal releases the claims: after an unavailable store the batch
      // may have been written, and its claims must then stand.
      if (isDefiniteRefusal(error)) await this.release(taken);
      throw error;
    }
  }

  /**
   * Takes the claims: first all of them as new reservations in one call to the store (a
   * batch of 1000 holds a few dozen, nearly all first claims), then, side by side, each
   * one whose stream exists from a fresh load. Every claim taken is in `taken` before the
   * first refusal is thrown, so it can be released.
   */
  private async reserveAll(
    claims: readonly Claim[],
    taken: { claim: Claim; revision: number }[],
  ): Promise<void> {
    if (claims.length === 0) return;
    const events = claims.map((claim) =>
      this.reservationEvent({ type: 'ClaimReserved', data: { eventId: claim.eventId } }),
    );
    const outcomes = await this.store.appendToStreams(
      claims.map((claim, i) => ({
        streamId: claim.streamId,
        events: [events[i]],
        expectedRevision: 'no_stream' as const,
      })),
    );
    let refusal: { reason: unknown } | undefined;
    const existing: Claim[] = [];
    const written: StoredPosition[] = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) {
        taken.push({ claim: claims[i], revision: outcome.result.nextExpectedRevision });
        written.push(...storedPositions([events[i]], outcome.result.positions));
      } else if (outcome.error instanceof WrongExpectedRevisionError) {
        existing.push(claims[i]);
      } else {
        refusal ??= { reason: outcome.error };
      }
    });
    await this.recorded.remember(written);
    const results = await Promise.allSettled(existing.map((claim) => this.reserveExisting(claim)));
    results.forEach((result, i) => {
      if (result.status === 'rejected') refusal ??= result;
      else if (result.value !== null) taken.push({ claim: existing[i], revision: result.value });
    });
    if (refusal) throw refusal.reason;
  }

  /**
   * Ids already recorded by another batch would make the append fail only after the claims
   * were taken; refusing here first keeps such a refusal from writing anything at all.
   * (A batch racing with this one is still refused by the append, and releases its claims.)
   * Also names the refusal precisely when the append found reused ids.
   */
  private async refuseIdsRecordedElsewhere(command: RecordActivities): Promise<void> {
    const ids = command.activities.map((activity) => activity.id);
    const found = await this.recorded.findExisting(ids);
    if (found.size === 0) return;
    const streamId = recordingStreamOf(command.activities);
    let ownBatch: string[] = [];
    try {
      ownBatch = (await this.store.readStream(streamId)).map((event) => event.id);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    const isRetry = ownBatch.length === ids.length && ownBatch.every((id, i) => id === ids[i]);
    if (isRetry) return;
    if (found.has(ids[0]) && !ownBatch.includes(ids[0]))
      throw new DuplicateEventIdError([...found]);
    if (ownBatch.length > 0) throw new BatchIdTakenRefusal(ids[0]);
    throw new DuplicateEventIdError(ids.filter((id) => found.has(id)));
  }

  /**
   * A claim whose reservation stream exists: the revision written, or null when the claim
   * was already ours (a retried batch).
   */
  private async reserveExisting(claim: Claim): Promise<number | null> {
    const state = await this.loadReservation(claim.streamId);
    const holderRecorded =
      state.status === 'held' && state.eventId !== claim.eventId
        ? (await this.recorded.findExisting([state.eventId])).has(state.eventId)
        : false;
    const decision = decideReservation(state, claim.eventId, this.now(), holderRecorded);
    switch (decision.kind) {
      case 'held-by-us':
        return null;
      case 'taken':
        throw claimTaken(claim, `event ${decision.byEventId}`);
      case 'reserve': {
        const events = decision.events.map((event) => this.reservationEvent(event));
        const result = await this.store.append(claim.streamId, events, decision.expectedRevision);
        await this.remember(events, result.positions);
        return result.nextExpectedRevision;
      }
      default: {
        const unreachable: never = decision;
        return unreachable;
      }
    }
  }

  private async append(command: RecordActivities): Promise<RecordedActivities> {
    const streamId = recordingStreamOf(command.activities);
    const events = toNewEvents(command);
    let result;
    try {
      result = await this.store.append(streamId, events, 'no_stream');
    } catch (error) {
      // The stream is named after the first id: it exists, holding another batch.
      if (error instanceof WrongExpectedRevisionError) throw new BatchIdTakenRefusal(events[0].id);
      if (error instanceof DuplicateEventIdError) await this.refuseIdsRecordedElsewhere(command);
      throw error;
    }
    const positions = await this.remember(events, result.positions);
    return { streamId, written: result.written, events: positions };
  }

  /**
   * At once, not with the batch: until the lookup knows them, every lookup's catch-up must
   * read them, and everything appended after them, back from the store.
   */
  private async remember(
    events: readonly NewEvent[],
    positions: readonly number[],
  ): Promise<StoredPosition[]> {
    const stored = storedPositions(events, positions);
    await this.recorded.remember(stored);
    return stored;
  }

  private async loadReservation(streamId: string): Promise<ReservationState> {
    let stored: StoredEvent[];
    try {
      stored = await this.store.readStream(streamId);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return initialReservation;
      throw error;
    }
    return stored.reduce(
      (state, event) =>
        evolveReservation(state, toReservationEvent(event), event.revision, event.recordedAt),
      initialReservation,
    );
  }

  /**
   * Compensation for claims taken by a batch that was then refused. If it fails, the claim
   * stays until it is found stale (see `decideReservation`); the client still gets the
   * batch's own refusal, which is what it needs to act on.
   */
  private async release(taken: readonly { claim: Claim; revision: number }[]): Promise<void> {
    for (const { claim, revision } of taken) {
      const released: ReservationEvent = {
        type: 'ClaimReleased',
        data: { eventId: claim.eventId, reason: 'batch-refused' },
      };
      try {
        await this.store.append(claim.streamId, [this.reservationEvent(released)], revision);
      } catch (error) {
        this.logger.warn(
          `Could not release ${claim.streamId} for ${claim.eventId}: ${String(error)}`,
        );
      }
    }
  }

  private reservationEvent(event: ReservationEvent): NewEvent {
    return {
      id: randomUUID(),
      type: event.type,
      schemaVersion: 1,
      data: event.data,
      metadata: { recordedBy: 'system:recording' },
    };
  }
}

interface StoredPosition {
  id: string;
  position: number;
}

function storedPositions(
  events: readonly NewEvent[],
  positions: readonly number[],
): StoredPosition[] {
  return events.map((event, i) => ({ id: event.id, position: positions[i] }));
}

function isDefiniteRefusal(error: unknown): boolean {
  return (
    error instanceof BatchIdTakenRefusal ||
    error instanceof DuplicateEventIdError ||
    error instanceof InvalidEventsRefusal ||
    error instanceof InvariantRefusal
  );
}
