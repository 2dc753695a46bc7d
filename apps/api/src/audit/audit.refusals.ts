import {
  FiscalYearAlreadyClosedError,
  ReadModelBehindError,
  ReplayCheckReport,
  ReportingNotReadyError,
  UnknownMetricError,
} from '@ledger/audit';
import { StreamNotFoundError } from '@ledger/event-store';
import { Refusal } from '../problem-details/refusal';
import { ReadModelUnavailableRefusal } from '../reporting/reporting.refusals';

export class InvalidAuditQueryRefusal extends Refusal {
  readonly kind = 'invalid';
  readonly code = 'invalid-audit-query';
  readonly title = 'The audit query is not valid';
}

export class UnknownMetricRefusal extends Refusal {
  readonly kind = 'invalid';
  readonly code = 'unknown-metric';
  readonly title = 'No such metric or KPI';
}

export class StreamNotFoundRefusal extends Refusal {
  readonly kind = 'invalid';
  readonly code = 'stream-not-found';
  readonly title = 'No such stream';
}

export class FiscalYearAlreadyClosedRefusal extends Refusal {
  readonly kind = 'conflict';
  readonly code = 'fiscal-year-already-closed';
  readonly title = 'The fiscal year is already closed';
}

/** Loud on purpose: the read models no longer tell the same story as the events. */
export class ReplayMismatchRefusal extends Refusal {
  readonly kind = 'conflict';
  readonly code = 'replay-mismatch';
  readonly title = 'The read model disagrees with a replay of the store';

  constructor(private readonly report: ReplayCheckReport) {
    super(
      report.mismatches
        .map((m) => `${m.metricId}: read model ${m.readModel}, replay ${m.replayed}`)
        .join('; '),
    );
  }

  override extensions(): Record<string, unknown> {
    return { report: this.report };
  }
}

/** The audit library's errors in the request's terms; anything else stays a 500. */
export function refusalFor(error: unknown): unknown {
  if (error instanceof UnknownMetricError) return new UnknownMetricRefusal(error.message);
  if (error instanceof StreamNotFoundError) return new StreamNotFoundRefusal(error.message);
  if (error instanceof FiscalYearAlreadyClosedError)
    return new FiscalYearAlreadyClosedRefusal(error.message);
  if (error instanceof ReportingNotReadyError || error instanceof ReadModelBehindError) {
    return new ReadModelUnavailableRefusal('read-model-not-ready', error.message, 5);
  }
  return error;
}
