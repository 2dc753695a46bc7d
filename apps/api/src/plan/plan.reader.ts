import { PLAN_STREAM, PlanEvent, PlanState, emptyPlan, evolvePlan } from '@ledger/domain';
import { EventStore, StreamNotFoundError } from '@ledger/event-store';

/** The plan as it stands: its stream folded with the domain's `evolvePlan`. */
export async function readPlan(store: EventStore): Promise<PlanState> {
  try {
    const stored = await store.readStream(PLAN_STREAM);
    return stored
      .map((event) => ({ type: event.type, data: event.data }) as PlanEvent)
      .reduce(evolvePlan, emptyPlan());
  } catch (error) {
    if (error instanceof StreamNotFoundError) return emptyPlan();
    throw error;
  }
}
