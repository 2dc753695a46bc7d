import { EventStore, StreamNotFoundError } from '@ledger/event-store';
import { AsOf } from '../as-of/as-of';
import {
  FiscalYearClose,
  fiscalYearStream,
  readFiscalYearClosed,
} from './fiscal-year-closed.event';

/**
 * The close of a fiscal year as known at the asked cut: a close recorded after the cut had
 * not happened yet for whoever asks about that moment. Judged from the store, not the read
 * model, so a lagging projector never hides a close.
 */
export async function fiscalYearCloseAt(
  eventStore: EventStore,
  fiscalYear: number,
  cut: AsOf,
): Promise<FiscalYearClose | undefined> {
  let events;
  try {
    events = await eventStore.readStream(fiscalYearStream(fiscalYear));
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
  return events
    .map(readFiscalYearClosed)
    .find(
      (close) =>
        close !== undefined &&
        (cut.throughPosition === undefined || close.position <= cut.throughPosition) &&
        (cut.knownAt === undefined || close.recordedAt.getTime() <= cut.knownAt.getTime()),
    );
}
