import { HttpResponse } from '../../problem-details/express-shapes';
import { reportingRefusalFor } from '../reporting.refusals';
import { ResponseFormat } from './reporting-query.params';

export interface CsvFile<T> {
  filename: string;
  render(value: T): string;
}

/** `format` decides when given; otherwise `Accept: text/csv` asks for CSV. */
export function wantsCsv(format: ResponseFormat | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  return /(^|[\s,])text\/csv\b/i.test(accept ?? '');
}

/**
 * Runs a query and answers JSON, or, when `csv` is given, a CSV download; the projection
 * library's errors become refusals (404, 503) on the way.
 */
export async function reportingAnswer<T>(
  ask: () => Promise<T>,
  response: HttpResponse,
  csv: CsvFile<T> | undefined,
): Promise<T | string> {
  let value: T;
  try {
    value = await ask();
  } catch (error) {
    throw reportingRefusalFor(error);
  }
  if (!csv) return value;
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${csv.filename}"`);
  return csv.render(value);
}
