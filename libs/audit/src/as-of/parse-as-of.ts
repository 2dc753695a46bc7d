import { IsoDate, isIsoDate } from '@ledger/domain';
import { AsOf } from './as-of';

export class InvalidAsOfError extends Error {
  readonly code = 'invalid-as-of';
}

export interface AsOfText {
  fiscalYear?: string;
  knownAt?: string;
  position?: string;
  occurredBy?: string;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The fiscal year an audit question is about, from text (HTTP query or command line). */
export function parseFiscalYear(text: string | undefined): number {
  if (text === undefined || !/^\d{4}$/.test(text)) {
    throw new InvalidAsOfError(
      'fiscalYear is required: the year the fiscal year starts in, e.g. 2023',
    );
  }
  return Number(text);
}

/**
 * knownAt must carry its offset: an instant written without one would mean different
 * moments on the auditor's machine and the server's.
 */
export function parseAsOf(text: AsOfText): AsOf {
  const asOf: AsOf = {};
  if (text.knownAt !== undefined) {
    const instant = new Date(text.knownAt);
    if (!INSTANT.test(text.knownAt) || Number.isNaN(instant.getTime())) {
      throw new InvalidAsOfError(
        'knownAt must be an ISO 8601 instant with its offset, e.g. 2024-04-15T00:00:00+09:00',
      );
    }
    asOf.knownAt = instant;
  }
  if (text.position !== undefined) {
    if (!/^\d{1,15}$/.test(text.position))
      throw new InvalidAsOfError('position must be a whole number');
    asOf.throughPosition = Number(text.position);
  }
  if (text.occurredBy !== undefined) {
    if (!isIsoDate(text.occurredBy))
      throw new InvalidAsOfError('occurredBy must be a date, e.g. 2024-03-31');
    asOf.occurredBy = text.occurredBy as IsoDate;
  }
  return asOf;
}
