import {
  CancelledError,
  convertToCommandError,
  DeadlineExceededError,
  StreamNotFoundError as ClientStreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { ServiceError } from '@grpc/grpc-js';
import {
  EventStoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../event-store.errors';

/** The stream revision a client error reports, in the port's terms. */
export function actualRevision(error: WrongExpectedVersionError): number | 'no_stream' {
  return typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : 'no_stream';
}

/**
 * Translates `@eventstore/db-client` errors into the port's errors; anything else is rethrown
 * unchanged, since it is a bug rather than a condition a caller can handle.
 */
export function translateError(raw: unknown, streamId?: string): never {
  // Most calls hand back the client's own errors, but a failed first contact (fetching the
  // server's features) surfaces as the bare gRPC error.
  const error = isServiceError(raw) ? convertToCommandError(raw) : raw;
  if (error instanceof WrongExpectedVersionError) {
    throw new WrongExpectedRevisionError(
      error.streamName ?? streamId ?? '',
      String(error.expectedVersion),
      actualRevision(error),
    );
  }
  if (error instanceof ClientStreamNotFoundError) {
    throw new StreamNotFoundError(error.streamName || streamId || '');
  }
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    // The server dropped a call it had accepted (shutdown, leader change).
    error instanceof CancelledError
  ) {
    throw new EventStoreUnavailableError(error);
  }
  throw error;
}

function isServiceError(error: unknown): error is ServiceError {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'number' &&
    'metadata' in error
  );
}
