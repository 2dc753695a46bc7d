import { EventStoreUnavailableError } from '../event-store.errors';

/** Socket-level failures and PostgreSQL's "connection exception" / "operator intervention" classes. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);

/** pg raises these without a code when a socket dies or the pool cannot hand out a client. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end',
];

export function isUnavailable(error: unknown): boolean {
  // Duck-typed: errors raised by Node's net module may come from another realm (Jest's
  // sandbox), where `instanceof Error` is false.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) {
    return true;
  }
  // Connecting to "localhost" tries every address and reports an AggregateError.
  if (Array.isArray(errors) && errors.some(isUnavailable)) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((text) => message.includes(text));
}

/** Rethrows driver errors as port errors where the port has a meaning for them. */
export function translateError(error: unknown): never {
  if (isUnavailable(error)) throw new EventStoreUnavailableError(error);
  throw error;
}
