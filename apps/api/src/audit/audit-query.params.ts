import { AsOf } from '@ledger/audit';
import { IsoDate, isIsoDate } from '@ledger/domain';
import { InvalidAuditQueryRefusal } from './audit.refusals';

export type AuditQueryParams = Record<string, string | string[] | undefined>;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export function fiscalYearParam(params: AuditQueryParams): number {
  const value = single(params, 'fiscalYear');
  if (value === undefined || !/^\d{4}$/.test(value)) {
    throw new InvalidAuditQueryRefusal(
      'fiscalYear is required: the year the fiscal year starts in, e.g. 2023',
    );
  }
  return Number(value);
}

/** knownAt (an instant with its offset), position (of the global order), occurredBy (a date). */
export function asOfParams(params: AuditQueryParams): AsOf {
  const asOf: AsOf = {};
  const knownAt = single(params, 'knownAt');
  if (knownAt !== undefined) {
    const instant = new Date(knownAt);
    if (!INSTANT.test(knownAt) || Number.isNaN(instant.getTime())) {
      throw new InvalidAuditQueryRefusal(
        'knownAt must be an ISO 8601 instant with its offset, e.g. 2024-04-15T00:00:00+09:00',
      );
    }
    asOf.knownAt = instant;
  }
  const position = single(params, 'position');
  if (position !== undefined) {
    if (!/^\d{1,15}$/.test(position))
      throw new InvalidAuditQueryRefusal('position must be a whole number');
    asOf.throughPosition = Number(position);
  }
  const occurredBy = single(params, 'occurredBy');
  if (occurredBy !== undefined) {
    if (!isIsoDate(occurredBy))
      throw new InvalidAuditQueryRefusal('occurredBy must be a date, e.g. 2024-03-31');
    asOf.occurredBy = occurredBy as IsoDate;
  }
  return asOf;
}

export function wantsCsv(params: AuditQueryParams, accept: string | undefined): boolean {
  const format = single(params, 'format');
  if (format !== undefined && format !== 'csv' && format !== 'json') {
    throw new InvalidAuditQueryRefusal('format must be json or csv');
  }
  return format === 'csv' || (format === undefined && (accept ?? '').includes('text/csv'));
}

function single(params: AuditQueryParams, name: string): string | undefined {
  const value = params[name];
  if (Array.isArray(value)) throw new InvalidAuditQueryRefusal(`${name} may be given once`);
  return value === '' ? undefined : value;
}
