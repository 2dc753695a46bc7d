import { Benchmark, judged } from '../benchmark';
import { SyntheticActivities } from '../dataset/synthetic-activities';
import { percentile, round } from '../measure/latency';
import { catchUpProjections, startReportingRunner } from '../support/bench-projections';

const RATE = 5_000;
const TICK_MS = 20;
const DURATION_MS = 20_000;
const VISIBILITY_TIMEOUT_MS = 30_000;

const LAG = {
  name: 'projection lag p95 at 5,000 events/s',
  unit: 'ms',
  target: { kind: 'at-most', max: 200 },
} as const;

/**
 * Records 5,000 events/s through the port (a batch every 20 ms, each its own stream) while
 * the reporting projection follows; for each batch, the time from issuing the append to the
 * projection having applied its last event. Measured from the issue, not the commit, so the
 * append's own time counts as lag too.
 */
export const projectionLagBenchmark: Benchmark = {
  name: 'projection-lag',
  figures: [LAG],

  async run({ size, database, log }) {
    await catchUpProjections(database);
    const runner = await startReportingRunner(database, { stopWhenCaughtUp: false });
    const source = new SyntheticActivities(size);
    const perTick = (RATE * TICK_MS) / 1000;
    const lags: Promise<number>[] = [];
    const started = Date.now();
    let appended = 0;
    let failure: unknown;
    try {
      for (let tick = 0; tick * TICK_MS < DURATION_MS && failure === undefined; tick += 1) {
        const due = started + tick * TICK_MS;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const batch = source.batch(perTick);
        const issued = performance.now();
        const appending = database.eventStore.append(
          `recording-${batch[0].id}`,
          batch,
          'no_stream',
        );
        lags.push(
          appending
            .then(async ({ positions }) => {
              const last = positions[positions.length - 1];
              if (!(await runner.waitForPosition(last, VISIBILITY_TIMEOUT_MS))) {
                throw new Error(`position ${last} not visible after ${VISIBILITY_TIMEOUT_MS} ms`);
              }
              return performance.now() - issued;
            })
            // Caught at once: a rejection left unhandled until the loop ends would end the run.
            .catch((error: unknown) => {
              failure ??= error;
              return Number.NaN;
            }),
        );
        appended += batch.length;
      }
      const samples = await Promise.all(lags);
      if (failure !== undefined) throw failure;
      const seconds = (Date.now() - started) / 1000;
      const achieved = appended / seconds;
      log(
        `lag: ${appended} events in ${seconds.toFixed(1)} s, p50 ${round(percentile(samples, 0.5), 1)} ms, max ${round(Math.max(...samples), 1)} ms`,
      );
      return [
        judged(
          LAG,
          size,
          percentile(samples, 0.95),
          null,
          `${Math.round(achieved).toLocaleString('en')} events/s recorded; p50 ${round(percentile(samples, 0.5), 1)} ms`,
        ),
      ];
    } finally {
      await runner.stop();
    }
  },
};
