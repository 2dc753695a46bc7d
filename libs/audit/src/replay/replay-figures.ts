import { MetricDefinition, StoredActivity, evaluateMetrics } from '@ledger/domain';
import { EventStore } from '@ledger/event-store';
import { AsOf } from '../as-of/as-of';

export interface ReplayedFigures {
  values: Readonly<Record<string, number>>;
  /** Events read from the store to get there. */
  eventsRead: number;
}

const PAGE_SIZE = 5_000;

/**
 * The reference answer: the store read in global order up to the cut's position and
 * folded in memory by the domain's own evaluator, with no read model involved. (A knownAt
 * has already become that position: see `resolveCut`.) Only events that can move the
 * chosen metrics are kept: their event types, retractions, and anything that supersedes.
 */
export async function replayFigures(
  eventStore: EventStore,
  metrics: readonly MetricDefinition[],
  fiscalYear: number,
  asOf: { throughPosition: number; occurredBy?: AsOf['occurredBy'] },
): Promise<ReplayedFigures> {
  const types = new Set(metrics.flatMap((metric) => metric.eventTypes));
  types.add('RecordRetracted');
  const kept: StoredActivity[] = [];
  let eventsRead = 0;
  let after = 0;
  while (after < asOf.throughPosition) {
    const page = await eventStore.readAll({ after, maxCount: PAGE_SIZE });
    if (page.length === 0) break;
    for (const event of page) {
      if (event.position > asOf.throughPosition) break;
      eventsRead += 1;
      if (types.has(event.type) || typeof event.data.supersedes === 'string') kept.push(event);
    }
    after = page[page.length - 1].position;
  }
  return {
    values: evaluateMetrics(kept, metrics, { fiscalYear, asOf: asOf.occurredBy }),
    eventsRead,
  };
}
