import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  isUnavailable,
  WrongExpectedRevisionError,
} from '@ledger/event-store';
import { HttpRequest, HttpResponse } from './express-shapes';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemType } from './problem-details';
import { Refusal, RefusalKind } from './refusal';

const REFUSAL_STATUS: Record<RefusalKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Seconds a client should wait before retrying while the store is unreachable. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Errors thrown by Express's body parser carry these (`entity.parse.failed`,
 * `charset.unsupported`, …); Nest never sees them as HttpExceptions.
 */
interface BodyParserError {
  type: string;
  status: number;
  expose?: boolean;
  limit?: number;
}

/**
 * The one place where errors become HTTP answers, all of them Problem Details
 * (`application/problem+json`, RFC 9457).
 */
@Catch()
export class ProblemDetailsExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.reply(error, http.getRequest<HttpRequest>(), http.getResponse<HttpResponse>());
  }

  /** Also called by the Express error handler, for errors raised before Nest routes a request. */
  reply(error: unknown, request: HttpRequest, response: HttpResponse): void {
    const { problem, headers } = this.toProblem(error);
    // Only the unexpected needs a stack: a 503 (starting, store unreachable) is an answer.
    if (problem.status === HttpStatus.INTERNAL_SERVER_ERROR)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify({ ...problem, instance: request.originalUrl }));
  }

  toProblem(error: unknown): { problem: ProblemDetails; headers: Record<string, string> } {
    const none: Record<string, string> = {};
    if (error instanceof Refusal) {
      return {
        problem: {
          type: problemType(error.code),
          title: error.title,
          status: REFUSAL_STATUS[error.kind],
          detail: error.message,
          ...error.extensions(),
        },
        headers: error.headers(),
      };
    }
    if (error instanceof DuplicateEventIdError) {
      return {
        problem: {
          type: problemType('event-id-already-recorded'),
          title: 'Event id already recorded',
          status: HttpStatus.CONFLICT,
          detail: `These event ids were already recorded in another batch: ${error.eventIds.join(', ')}. Send a new id for a new event, or resend the original batch unchanged.`,
          eventIds: error.eventIds,
        },
        headers: none,
      };
    }
    if (error instanceof WrongExpectedRevisionError) {
      return {
        problem: {
          type: problemType('concurrent-write'),
          title: 'Concurrent write',
          status: HttpStatus.PRECONDITION_FAILED,
          detail: `Another request changed ${error.streamId} at the same time; send the request again.`,
        },
        headers: none,
      };
    }
    // Reads of the keys and read models fail with the driver's own errors when PostgreSQL
    // is down; they are the same outage as the store's, and the client should retry.
    if (error instanceof EventStoreUnavailableError || isUnavailable(error)) {
      return {
        problem: {
          type: problemType('store-unavailable'),
          title: 'Event store unavailable',
          status: HttpStatus.SERVICE_UNAVAILABLE,
          detail: 'The event store cannot be reached right now; nothing was recorded. Retry later.',
        },
        headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      };
    }
    if (isBodyParserError(error)) return { problem: bodyParserProblem(error), headers: none };
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const detail =
        typeof body === 'string'
          ? body
          : String((body as { message?: unknown }).message ?? error.message);
      return {
        problem: {
          type: problemType(slug(error.name, status)),
          title: titleOf(status),
          status,
          detail,
        },
        headers: none,
      };
    }
    return {
      problem: {
        type: problemType('internal-error'),
        title: 'Internal error',
        status: HttpStatus.INTERNAL_SERVER_ERROR,
        detail: 'The request failed on the server; it has been logged.',
      },
      headers: none,
    };
  }
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BodyParserError).type === 'string' &&
    typeof (error as BodyParserError).status === 'number' &&
    (error as BodyParserError).status >= 400 &&
    (error as BodyParserError).status < 500
  );
}

function bodyParserProblem(error: BodyParserError): ProblemDetails {
  if (error.type === 'entity.too.large') {
    return {
      type: problemType('payload-too-large'),
      title: 'Request body too large',
      status: HttpStatus.PAYLOAD_TOO_LARGE,
      detail: `The request body exceeds ${error.limit ?? 'the limit of'} bytes; split the batch.`,
    };
  }
  if (error.type === 'charset.unsupported' || error.type === 'encoding.unsupported') {
    return {
      type: problemType('unsupported-body-encoding'),
      title: 'Unsupported body encoding',
      status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      detail: 'Send the body as JSON in UTF-8, uncompressed or gzip/deflate.',
    };
  }
  return {
    type: problemType('malformed-body'),
    title: 'Malformed request body',
    status: error.status >= 400 && error.status < 500 ? error.status : HttpStatus.BAD_REQUEST,
    detail:
      error.type === 'entity.encoding.invalid'
        ? 'The request body is not valid UTF-8.'
        : 'The request body is not valid JSON.',
  };
}

function slug(name: string, status: number): string {
  const base = name.replace(/Exception$/, '');
  return base === 'Http'
    ? `http-${status}`
    : base.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

function titleOf(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return `HTTP ${status}`;
  const words = name.toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
