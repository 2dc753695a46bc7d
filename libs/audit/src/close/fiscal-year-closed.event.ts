import { NewEvent, StoredEvent } from '@ledger/event-store';
import { randomUUID } from 'node:crypto';
import { HashCheckpoint } from '../hash-chain/hash-checkpoint.event';

export const FISCAL_YEAR_CLOSED = 'FiscalYearClosed';

export function fiscalYearStream(fiscalYear: number): string {
  return `fiscal-year-${fiscalYear}`;
}

/**
 * A fiscal year's figures as they stood when an administrator closed it: every metric
 * over exactly the events the hash checkpoint covers. Later events may still change the
 * year; answers then show them as post-close adjustments beside these figures.
 */
export interface FiscalYearClosedData {
  fiscalYear: number;
  closedAt: string;
  closedBy: string;
  figures: Record<string, number>;
  hashCheckpoint: HashCheckpoint;
}

export function fiscalYearClosedEvent(data: FiscalYearClosedData): NewEvent {
  return {
    id: randomUUID(),
    type: FISCAL_YEAR_CLOSED,
    schemaVersion: 1,
    data: { ...data },
    metadata: { recordedBy: data.closedBy },
  };
}

/** A close as read back from the store, with where and when it was recorded. */
export interface FiscalYearClose extends FiscalYearClosedData {
  position: number;
  recordedAt: Date;
}

export function readFiscalYearClosed(event: StoredEvent): FiscalYearClose | undefined {
  if (event.type !== FISCAL_YEAR_CLOSED) return undefined;
  const data = event.data as unknown as FiscalYearClosedData;
  return { ...data, position: event.position, recordedAt: event.recordedAt };
}
