/** More requests waiting than this and the receiver is not keeping up: stop sending, report it. */
export const MAX_OUTSTANDING = 1_000;

export interface RateRun {
  latenciesMs: number[];
  /** Requests sent per second while sending. */
  sentPerSecond: number;
  /** Seconds after which sending stopped because MAX_OUTSTANDING were unanswered, if it did. */
  overloadedAfterSeconds: number | null;
}

/**
 * `total` requests at a fixed rate whatever the answers' speed (an open loop, as many
 * independent clients would send them); each latency runs from the request's due time.
 */
export async function sendAtRate(
  options: { perSecond: number; total: number },
  send: (index: number) => Promise<unknown>,
): Promise<RateRun> {
  const interval = 1000 / options.perSecond;
  const started = performance.now();
  const pending: Promise<number>[] = [];
  let outstanding = 0;
  let overloadedAfterSeconds: number | null = null;
  // Caught as they fail, not when awaited after the loop: a rejection left unhandled that
  // long would end the whole run.
  let failure: unknown;
  for (let i = 0; i < options.total && failure === undefined; i += 1) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (outstanding >= MAX_OUTSTANDING) {
      overloadedAfterSeconds = (performance.now() - started) / 1000;
      break;
    }
    outstanding += 1;
    pending.push(
      send(i).then(
        () => {
          outstanding -= 1;
          return performance.now() - due;
        },
        (error: unknown) => {
          outstanding -= 1;
          failure ??= error;
          return Number.NaN;
        },
      ),
    );
  }
  const sendingSeconds = (performance.now() - started) / 1000;
  const latenciesMs = await Promise.all(pending);
  if (failure !== undefined) throw failure;
  return { latenciesMs, sentPerSecond: pending.length / sendingSeconds, overloadedAfterSeconds };
}

/** Runs made one after another, as one: all their latencies, the rate over their sending time. */
export function joinedRuns(runs: readonly RateRun[]): RateRun {
  let sent = 0;
  let seconds = 0;
  let overloadedAfterSeconds: number | null = null;
  for (const run of runs) {
    if (run.overloadedAfterSeconds !== null && overloadedAfterSeconds === null)
      overloadedAfterSeconds = seconds + run.overloadedAfterSeconds;
    sent += run.latenciesMs.length;
    seconds += run.latenciesMs.length / run.sentPerSecond;
  }
  return {
    latenciesMs: runs.flatMap((run) => run.latenciesMs),
    sentPerSecond: sent / seconds,
    overloadedAfterSeconds,
  };
}

export function describeRateRun(run: RateRun): string {
  const sent = `${Math.round(run.sentPerSecond)} requests/s sent`;
  return run.overloadedAfterSeconds === null
    ? sent
    : `${sent}; overloaded: stopped sending after ${run.overloadedAfterSeconds.toFixed(1)} s with ${MAX_OUTSTANDING} unanswered`;
}
