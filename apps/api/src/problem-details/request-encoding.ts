import { isUtf8 } from 'node:buffer';
import { HttpRequest, HttpResponse, NextFunction } from './express-shapes';
import { Refusal } from './refusal';

/** Raised inside the JSON body parser, which hands it to the error handler as its own. */
class InvalidUtf8BodyError extends Error {
  readonly status = 400;
  readonly type = 'entity.encoding.invalid';
}

/**
 * JSON is UTF-8 (RFC 8259 §8.1). The body parser would decode invalid bytes to U+FFFD and
 * record the damaged text as if the client had sent it; refuse the body instead.
 */
export function refuseInvalidUtf8(_request: unknown, _response: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw new InvalidUtf8BodyError('The request body is not valid UTF-8.');
}

class NulInUrlRefusal extends Refusal {
  readonly kind = 'invalid';
  readonly code = 'malformed-url';
  readonly title = 'Malformed URL';
}

/**
 * No parameter of this API can hold NUL, and PostgreSQL text cannot store one: without this,
 * `%00` in a path or query reaches a query (the audit log's) and fails there as a 500.
 */
export function refuseNulInUrl(
  reply: (error: unknown, request: HttpRequest, response: HttpResponse) => void,
) {
  return (request: HttpRequest, response: HttpResponse, next: NextFunction): void => {
    if (!/%00/i.test(request.originalUrl)) return next();
    reply(
      new NulInUrlRefusal('The URL contains an encoded NUL character (%00).'),
      request,
      response,
    );
  };
}
