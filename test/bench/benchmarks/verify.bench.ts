import { HashChainRecorder, openAuditDatabase, verifyStore } from '@ledger/audit';
import { Benchmark, judged } from '../benchmark';
import { bareSequentialRead } from '../measure/bare-read';
import { timedMs } from '../measure/latency';

/** verifyStore's own page size; the bare read pages by the same. */
const PAGE = 5_000;

const VERIFY = {
  name: 'verify the hash chain over every event',
  unit: 'events/s',
  target: { kind: 'ratio-at-least', min: 0.3 },
} as const;

/**
 * The auditor's verify: recompute the SHA-256 chain over the whole store in global order and
 * compare it with the hash ledger and the checkpoint events; against a bare ordered read.
 * The ledger is first brought up to the head (not timed: the recorder runs beside the
 * projector in service).
 */
export const verifyBenchmark: Benchmark = {
  name: 'verify',
  figures: [VERIFY],

  async run({ size, database, log }) {
    const audit = await openAuditDatabase(database.url);
    try {
      const recorder = new HashChainRecorder({
        eventStore: database.eventStore,
        database: audit.database,
      });
      const ledgerMs = await timedMs(() => recorder.catchUp());
      await database.vacuum();
      const bare = await bareSequentialRead(database.pool, PAGE);
      let report: Awaited<ReturnType<typeof verifyStore>> | undefined;
      const ms = await timedMs(async () => {
        report = await verifyStore({
          eventStore: database.eventStore,
          database: audit.database,
          pageSize: PAGE,
        });
      });
      if (!report?.ok)
        throw new Error(`verify found a mismatch: ${JSON.stringify(report?.firstMismatch)}`);
      log(
        `verify: ${report.eventsChecked} events in ${Math.round(ms)} ms; ledger built in ${Math.round(ledgerMs)} ms`,
      );
      return [
        judged(
          VERIFY,
          size,
          report.eventsChecked / (ms / 1000),
          { label: 'bare SELECT … ORDER BY position', figure: bare.eventsPerSecond },
          `ledger built at ${Math.round(report.eventsChecked / (ledgerMs / 1000)).toLocaleString('en')} events/s`,
        ),
      ];
    } finally {
      await audit.close();
    }
  },
};
