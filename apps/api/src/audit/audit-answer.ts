import { HttpResponse } from '../problem-details/express-shapes';
import { refusalFor } from './audit.refusals';

/** Runs a query, as JSON or, when asked for, as CSV; library errors become refusals. */
export async function answer<T>(
  work: () => Promise<T>,
  csv: ((value: T) => string) | undefined,
  response: HttpResponse,
): Promise<T | string> {
  let value: T;
  try {
    value = await work();
  } catch (error) {
    throw refusalFor(error);
  }
  if (!csv) return value;
  response.type('text/csv; charset=utf-8');
  return csv(value);
}
