import {
  ProjectionLagError,
  ReadModelNotReadyError,
  UnknownGroupingError,
} from '@ledger/projections';
import { Refusal } from '../problem-details/refusal';

/** One bad query parameter: its name and what is wrong with it. */
export interface QueryParameterError {
  parameter: string;
  reason: string;
}

export class InvalidReportingQueryRefusal extends Refusal {
  readonly kind = 'invalid';
  readonly code = 'invalid-query';
  readonly title = 'The query parameters are not valid';

  constructor(readonly errors: readonly QueryParameterError[]) {
    super(errors.map((error) => `${error.parameter}: ${error.reason}`).join('; '));
  }

  override extensions(): Record<string, unknown> {
    return { errors: this.errors };
  }
}

export class UnknownMeasureRefusal extends Refusal {
  readonly kind = 'not-found';
  readonly code = 'unknown-measure';
  readonly title = 'No such measure';
}

export class UnknownGroupingRefusal extends Refusal {
  readonly kind = 'not-found';
  readonly code = 'unknown-grouping';
  readonly title = 'No such grouping of municipalities';
}

/** Nothing to answer from yet, or not yet the client's own write: worth a retry soon. */
export class ReadModelUnavailableRefusal extends Refusal {
  readonly kind = 'unavailable';
  readonly title = 'The read models cannot answer yet';

  constructor(
    readonly code: 'read-model-not-ready' | 'projection-lag',
    message: string,
    private readonly retryAfterSeconds: number,
  ) {
    super(message);
  }

  override headers(): Record<string, string> {
    return { 'Retry-After': String(this.retryAfterSeconds) };
  }
}

/** The projection library's errors in the request's terms; anything else stays as it is. */
export function reportingRefusalFor(error: unknown): unknown {
  if (error instanceof UnknownGroupingError) return new UnknownGroupingRefusal(error.message);
  if (error instanceof ReadModelNotReadyError) {
    return new ReadModelUnavailableRefusal('read-model-not-ready', error.message, 5);
  }
  if (error instanceof ProjectionLagError) {
    return new ReadModelUnavailableRefusal('projection-lag', error.message, 1);
  }
  return error;
}
