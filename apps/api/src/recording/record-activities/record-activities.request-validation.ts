import { AuthenticatedPrincipal } from '@ledger/access';
import { isActivityType } from '@ledger/domain';
import { BodyNotAllowedRefusal } from '../../access/access.refusals';
import { ACTIVITY_REQUEST_DATA } from '../activities/activity-request-data';
import { EventError, InvalidEventsRefusal } from '../recording.refusals';
import { ActivityToRecord } from './record-activities.command';
import { validateActivities } from './record-activities.decide';
import { ActivityEventRequest, MAX_EVENTS_PER_BATCH } from './record-activities.request.dto';
import { requestObjectErrors } from './request-object.validation';

/** The reason given for a body the plan does not name. */
export const NOT_A_PLAN_BODY = 'is not a body of the plan';

/**
 * Events are flat; class-transformer recurses once per level, so a body nested thousands
 * deep would overflow the stack (a 500) before the validators could say it is wrong.
 */
const MAX_NESTING = 16;
/** Member names class-transformer takes for the class's own: `constructor` crashes it. */
const RESERVED_MEMBERS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Turns a request body into activities to record, or refuses it with every error of the
 * batch at once: the envelope, each type's request data, then the domain's own rules on the
 * events that passed both (so one mistake is not reported twice; in a batch with nothing
 * else wrong, the command handler applies those rules, once). A recorder may record
 * only for its own body (403); other keys must name a body of the plan in `data.bodyId`.
 */
export function activitiesFromRequest(
  body: unknown,
  principal: AuthenticatedPrincipal,
  knownBodyIds: ReadonlySet<string>,
): ActivityToRecord[] {
  const events = eventsOf(body);
  const errors: EventError[] = [];
  const shaped: ActivityToRecord[] = [];
  const shapedIndexes: number[] = [];
  const foreign: { index: number; id: unknown; bodyId: string }[] = [];

  events.forEach((raw, index) => {
    const id = isObject(raw) ? raw.id : undefined;
    const before = errors.length;
    if (!isObject(raw)) {
      errors.push({
        index,
        field: '',
        reason: 'must be an object with id, type, occurredOn and data',
      });
      return;
    }
    const unsafe = unsafeMember(raw, '', 0);
    if (unsafe) {
      errors.push({ index, id, ...unsafe });
      return;
    }
    errors.push(
      ...requestObjectErrors(ActivityEventRequest, raw).map((e) => ({ index, id, ...e })),
    );
    if (isActivityType(raw.type) && isObject(raw.data)) {
      errors.push(
        ...requestObjectErrors(ACTIVITY_REQUEST_DATA[raw.type], raw.data).map((e) => ({
          index,
          id,
          field: `data.${e.field}`,
          reason: e.reason,
        })),
      );
    }
    if (errors.length > before) return;

    const data = { ...(raw.data as Record<string, unknown>) };
    if (data.bodyId === undefined && principal.bodyId !== null) data.bodyId = principal.bodyId;
    if (data.bodyId === undefined) {
      errors.push({
        index,
        id,
        field: 'data.bodyId',
        reason: 'is required: this key acts for no body',
      });
      return;
    }
    if (principal.role === 'recorder' && data.bodyId !== principal.bodyId) {
      foreign.push({ index, id, bodyId: String(data.bodyId) });
    } else if (!knownBodyIds.has(String(data.bodyId))) {
      errors.push({ index, id, field: 'data.bodyId', reason: NOT_A_PLAN_BODY });
      return;
    }
    shaped.push({
      id: String(raw.id),
      type: String(raw.type),
      occurredOn: String(raw.occurredOn),
      data,
    });
    shapedIndexes.push(index);
  });

  if (foreign.length > 0 && principal.bodyId !== null)
    throw new BodyNotAllowedRefusal(principal.bodyId, foreign);
  errors.push(...duplicateIds(events));
  // A request with nothing wrong so far goes on as it is: the command handler applies the
  // domain's rules to every event, and refuses with the same errors as would be given here.
  if (errors.length === 0) return shaped;
  // Otherwise they run here too, so that one answer names every error of the batch. They
  // are indexed within `shaped`; map them back to the request.
  for (const error of validateActivities(shaped)) {
    if (error.field === 'id') continue;
    errors.push({ ...error, index: shapedIndexes[error.index ?? 0] });
  }
  throw new InvalidEventsRefusal(errors.sort(byIndex));
}

function eventsOf(body: unknown): unknown[] {
  if (!isObject(body)) {
    throw new InvalidEventsRefusal([
      { field: '', reason: 'must be a JSON object with an events array' },
    ]);
  }
  const unknownMembers = Object.keys(body).filter((key) => key !== 'events');
  const errors: EventError[] = unknownMembers.map((key) => ({
    field: key,
    reason: 'is not a member of this request',
  }));
  const events = body.events;
  if (!Array.isArray(events)) {
    errors.push({ field: 'events', reason: 'must be an array of events' });
  } else if (events.length < 1 || events.length > MAX_EVENTS_PER_BATCH) {
    errors.push({
      field: 'events',
      reason: `must hold 1 to ${MAX_EVENTS_PER_BATCH} events; got ${events.length}`,
    });
  }
  if (errors.length > 0) throw new InvalidEventsRefusal(errors);
  return events as unknown[];
}

/** The first member that is reserved or nested too deep, looking no deeper than allowed. */
function unsafeMember(
  value: unknown,
  path: string,
  depth: number,
): { field: string; reason: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_NESTING)
    return { field: path, reason: `nests deeper than ${MAX_NESTING} levels` };
  for (const [key, member] of Object.entries(value)) {
    const field = path === '' ? key : `${path}.${key}`;
    if (RESERVED_MEMBERS.has(key)) return { field, reason: 'is not a field of this event' };
    const inner = unsafeMember(member, field, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

function duplicateIds(events: readonly unknown[]): EventError[] {
  const firstIndexOf = new Map<unknown, number>();
  const errors: EventError[] = [];
  events.forEach((raw, index) => {
    const id = isObject(raw) ? raw.id : undefined;
    if (typeof id !== 'string') return;
    const earlier = firstIndexOf.get(id);
    if (earlier === undefined) firstIndexOf.set(id, index);
    else
      errors.push({
        index,
        id,
        field: 'id',
        reason: `repeats the id of event ${earlier} of this batch`,
      });
  });
  return errors;
}

function byIndex(a: EventError, b: EventError): number {
  return (a.index ?? -1) - (b.index ?? -1);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
