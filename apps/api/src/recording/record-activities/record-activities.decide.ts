import { ACTIVITY_TYPES, isActivityType, validateActivity } from '@ledger/domain';
import { EventMetadata, NewEvent } from '@ledger/event-store';
import { EventError, InvariantRefusal } from '../recording.refusals';
import { ActivityToRecord, RecordActivities } from './record-activities.command';

/** The batch's own stream: one atomic append, and its first id names it. */
export function recordingStreamOf(activities: readonly ActivityToRecord[]): string {
  return `recording-${activities[0].id}`;
}

/** The domain's rules on every activity, plus ids that repeat inside the batch. */
export function validateActivities(activities: readonly ActivityToRecord[]): EventError[] {
  const errors: EventError[] = [];
  const firstIndexOf = new Map<string, number>();
  activities.forEach((activity, index) => {
    const earlier = firstIndexOf.get(activity.id);
    if (earlier !== undefined) {
      errors.push({
        index,
        id: activity.id,
        field: 'id',
        reason: `repeats the id of event ${earlier} of this batch`,
      });
    } else {
      firstIndexOf.set(activity.id, index);
    }
    if (!isActivityType(activity.type)) {
      errors.push({
        index,
        id: activity.id,
        field: 'type',
        reason: 'is not a known activity type',
      });
      return;
    }
    const data = { ...activity.data, occurredOn: activity.occurredOn };
    const version = activity.schemaVersion ?? ACTIVITY_TYPES[activity.type].schemaVersion;
    for (const error of validateActivity(activity.type, version, data)) {
      errors.push({ index, id: activity.id, field: pathOf(error.field), reason: error.reason });
    }
  });
  return errors;
}

/** `occurredOn` travels beside `data` in a request; every other field inside it. */
export function pathOf(field: string): string {
  return field === 'occurredOn' || field === 'type' ? field : `data.${field}`;
}

/** An earlier event the batch refers to: a retraction's target or a superseded event. */
export interface Reference {
  index: number;
  id: string;
  field: string;
  targetId: string;
}

export function referencesOf(activities: readonly ActivityToRecord[]): Reference[] {
  return activities.flatMap((activity, index) => {
    const references: Reference[] = [];
    if (activity.type === 'RecordRetracted' && typeof activity.data.eventId === 'string') {
      references.push({
        index,
        id: activity.id,
        field: 'data.eventId',
        targetId: activity.data.eventId,
      });
    }
    if (typeof activity.data.supersedes === 'string') {
      references.push({
        index,
        id: activity.id,
        field: 'data.supersedes',
        targetId: activity.data.supersedes,
      });
    }
    return references;
  });
}

/** A reference may point at an event recorded before, or at an earlier event of the same batch. */
export function unknownReferences(
  activities: readonly ActivityToRecord[],
  references: readonly Reference[],
  recorded: ReadonlySet<string>,
): EventError[] {
  return references
    .filter(
      (reference) =>
        !recorded.has(reference.targetId) &&
        !activities.slice(0, reference.index).some((earlier) => earlier.id === reference.targetId),
    )
    .map(({ index, id, field }) => ({ index, id, field, reason: 'names no recorded event' }));
}

/** A claim the batch must hold before it is appended. */
export interface Claim {
  streamId: string;
  index: number;
  eventId: string;
  invariant: 'declaration-already-signed' | 'already-retracted';
  field: string;
  subject: string;
}

/** The claims the batch needs; two events of the batch competing for one claim refuse it. */
export function claimsOf(activities: readonly ActivityToRecord[]): Claim[] {
  const claims: Claim[] = [];
  activities.forEach((activity, index) => {
    if (activity.type === 'DeclarationSigned' && typeof activity.data.organizationId === 'string') {
      const subject = activity.data.organizationId;
      claims.push({
        streamId: `declaration-${subject}`,
        index,
        eventId: activity.id,
        invariant: 'declaration-already-signed',
        field: 'data.organizationId',
        subject,
      });
    }
    if (activity.type === 'RecordRetracted' && typeof activity.data.eventId === 'string') {
      const subject = activity.data.eventId;
      claims.push({
        streamId: `retraction-${subject}`,
        index,
        eventId: activity.id,
        invariant: 'already-retracted',
        field: 'data.eventId',
        subject,
      });
    }
  });
  const byStream = new Map<string, Claim>();
  for (const claim of claims) {
    const earlier = byStream.get(claim.streamId);
    if (earlier) throw claimTaken(claim, `event ${earlier.index} of this batch`);
    byStream.set(claim.streamId, claim);
  }
  return claims;
}

export function claimTaken(claim: Claim, holder: string): InvariantRefusal {
  const error = {
    index: claim.index,
    id: claim.eventId,
    field: claim.field,
    reason: `already claimed by ${holder}`,
  };
  return claim.invariant === 'declaration-already-signed'
    ? new InvariantRefusal(
        claim.invariant,
        'Declaration already signed',
        `Organisation ${claim.subject} has already signed the declaration (${holder}); an organisation signs once.`,
        [error],
      )
    : new InvariantRefusal(
        claim.invariant,
        'Event already retracted',
        `Event ${claim.subject} has already been retracted (${holder}); an event is retracted at most once.`,
        [error],
      );
}

/**
 * The stored events: the request's data plus `occurredOn`, type and version from the
 * catalogue, and who recorded them in the metadata, never in the data.
 */
export function toNewEvents(command: RecordActivities): NewEvent[] {
  return command.activities.map((activity) => {
    if (!isActivityType(activity.type)) throw new Error(`not an activity type: ${activity.type}`);
    const bodyId = command.recorder.bodyId ?? String(activity.data.bodyId);
    const metadata: EventMetadata = {
      recordedBy: command.recorder.principal,
      bodyId,
      correlationId: command.correlationId,
      causationId: command.causationId,
      ...(command.recorder.keyId === undefined ? {} : { apiKeyId: command.recorder.keyId }),
    };
    return {
      id: activity.id,
      type: activity.type,
      schemaVersion: activity.schemaVersion ?? ACTIVITY_TYPES[activity.type].schemaVersion,
      data: { ...activity.data, occurredOn: activity.occurredOn },
      metadata,
    };
  });
}
