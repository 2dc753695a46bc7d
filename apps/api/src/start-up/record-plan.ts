import { PLAN_EVENT_SCHEMA_VERSION, PLAN_STREAM, initialPlanEvents } from '@ledger/domain';
import { EventStore, StreamNotFoundError, WrongExpectedRevisionError } from '@ledger/event-store';
import { randomUUID } from 'node:crypto';

/** Records the FY2023 plan unless the plan stream exists; true when it recorded it. */
export async function recordPlanIfAbsent(store: EventStore): Promise<boolean> {
  try {
    await store.readStream(PLAN_STREAM, { maxCount: 1 });
    return false;
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  const events = initialPlanEvents().map((event) => ({
    id: randomUUID(),
    type: event.type,
    schemaVersion: PLAN_EVENT_SCHEMA_VERSION,
    data: { ...event.data },
    metadata: { recordedBy: 'system:plan' },
  }));
  try {
    await store.append(PLAN_STREAM, events, 'no_stream');
    return true;
  } catch (error) {
    // Another process starting on the same store recorded it first: the plan is there.
    if (error instanceof WrongExpectedRevisionError) return false;
    throw error;
  }
}
