import { AsOf, InvalidAsOfError, parseAsOf, parseFiscalYear } from '@ledger/audit';
import { InvalidAuditQueryRefusal } from './audit.refusals';

export type AuditQueryParams = Record<string, string | string[] | undefined>;

export function fiscalYearParam(params: AuditQueryParams): number {
  return refusingInvalid(() => parseFiscalYear(single(params, 'fiscalYear')));
}

/** knownAt (an instant with its offset), position (of the global order), occurredBy (a date). */
export function asOfParams(params: AuditQueryParams): AsOf {
  return refusingInvalid(() =>
    parseAsOf({
      knownAt: single(params, 'knownAt'),
      position: single(params, 'position'),
      occurredBy: single(params, 'occurredBy'),
    }),
  );
}

export function wantsCsv(params: AuditQueryParams, accept: string | undefined): boolean {
  const format = single(params, 'format');
  if (format !== undefined && format !== 'csv' && format !== 'json') {
    throw new InvalidAuditQueryRefusal('format must be json or csv');
  }
  return format === 'csv' || (format === undefined && (accept ?? '').includes('text/csv'));
}

function refusingInvalid<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InvalidAsOfError) throw new InvalidAuditQueryRefusal(error.message);
    throw error;
  }
}

function single(params: AuditQueryParams, name: string): string | undefined {
  const value = params[name];
  if (Array.isArray(value)) throw new InvalidAuditQueryRefusal(`${name} may be given once`);
  return value === '' ? undefined : value;
}
