/**
 * Why a request was refused, in the request's own terms. Features throw subclasses; the
 * exception filter alone decides the HTTP status, from `kind`:
 * invalid → 400, unauthenticated → 401, forbidden → 403, not-found → 404, conflict (an
 * invariant) → 409, unavailable (retry later; send `Retry-After` in `headers()`) → 503.
 */
export type RefusalKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'unavailable';

export abstract class Refusal extends Error {
  abstract readonly kind: RefusalKind;
  /** Stable, kebab-case; becomes the Problem Details `type` (`/problems/<code>`). */
  abstract readonly code: string;
  abstract readonly title: string;

  /** Members added to the Problem Details body, e.g. the list of bad fields. */
  extensions(): Record<string, unknown> {
    return {};
  }

  headers(): Record<string, string> {
    return {};
  }
}
