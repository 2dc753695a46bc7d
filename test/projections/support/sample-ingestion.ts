import { NewEvent } from '@ledger/event-store';
import { join, retraction, visit } from './sample-reporting-events';

const CODES = ['39201', '39202', '39205', '39402', '39403', '39412'];

/**
 * A deterministic mix of visits, joins (people recur, so count-distinct matters) and
 * retractions of earlier events, in appends of `perAppend` events.
 */
export function* sampleIngestion(total: number, perAppend: number): Generator<NewEvent[]> {
  const earlier: string[] = [];
  let made = 0;
  while (made < total) {
    const batch: NewEvent[] = [];
    for (let i = 0; i < perAppend && made < total; i++, made++) {
      const day = 1 + (made % 28);
      const month = 1 + (Math.floor(made / 28) % 12);
      const date = `${2022 + (made % 3)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const code = CODES[made % CODES.length];
      let event: NewEvent;
      if (made % 10 === 9 && earlier.length > 0)
        event = retraction(earlier[(made * 7919) % earlier.length]);
      else if (made % 3 === 0) event = join(date, code, `p-${made % 997}`, made % 2 === 0);
      else event = visit(date, code, made % 60);
      earlier.push(event.id);
      batch.push(event);
    }
    yield batch;
  }
}
