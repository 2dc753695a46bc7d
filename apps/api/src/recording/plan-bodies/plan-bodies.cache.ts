import { PLAN_STREAM, PlanEvent, PlanState, emptyPlan, evolvePlan } from '@ledger/domain';
import { EventStore, StreamNotFoundError, CoalescedRun } from '@ledger/event-store';

/**
 * The plan's bodies for recording, folded once and then caught up from the last revision
 * read, instead of reading and folding the whole plan stream on every request. The plan
 * only ever adds bodies, so a body found here is known for good; a body not found makes
 * the caller `refresh` before refusing it.
 */
export class PlanBodiesCache {
  private plan: PlanState = emptyPlan();
  private bodyIds: ReadonlySet<string> = new Set();
  private nextRevision = 0;
  private readonly refreshes = new CoalescedRun(() => this.catchUp());

  constructor(private readonly store: EventStore) {}

  /** The bodies as of the last refresh. */
  known(): ReadonlySet<string> {
    return this.bodyIds;
  }

  /** Reads the plan's events recorded since the last refresh, up to at least this call. */
  refresh(): Promise<void> {
    return this.refreshes.run();
  }

  private async catchUp(): Promise<void> {
    let events;
    try {
      events = await this.store.readStream(PLAN_STREAM, { fromRevision: this.nextRevision });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
    if (events.length === 0) return;
    this.plan = events
      .map((event) => ({ type: event.type, data: event.data }) as PlanEvent)
      .reduce(evolvePlan, this.plan);
    this.nextRevision = events[events.length - 1].revision + 1;
    this.bodyIds = new Set(Object.keys(this.plan.bodies));
  }
}

export const PLAN_BODIES_CACHE = Symbol('PlanBodiesCache');
