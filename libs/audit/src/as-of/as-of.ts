import { IsoDate } from '@ledger/domain';

/**
 * The two questions an auditor asks of time, separately or together: what the system knew
 * at an instant (events and corrections recorded by then), and what had happened by a
 * date (activities that occurred by then). `throughPosition` cuts the global order
 * instead of the clock, as a replay to a position does.
 */
export interface AsOf {
  knownAt?: Date;
  throughPosition?: number;
  occurredBy?: IsoDate;
}

/** The cut an answer was actually given for: the request, bounded by what was projected. */
export interface AppliedCut {
  knownAt: string | null;
  occurredBy: IsoDate | null;
  /** Nothing after this position was seen: the request's, or the read model's own. */
  throughPosition: number;
}
