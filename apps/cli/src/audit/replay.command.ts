import { AsOfFiguresReader, checkReplay, parseAsOf, parseFiscalYear } from '@ledger/audit';
import { METRICS } from '@ledger/domain';
import { CliCommand } from '../cli-command';
import { AuditCheckFailedError, usageOnInvalid, withAuditDatabase } from './audit-cli-support';

/**
 * Replays the store to a position or instant through the domain's evaluator and compares
 * every metric with the read model's bitemporal answer; a difference exits non-zero.
 */
export const replayCommand: CliCommand = {
  path: ['replay'],
  usage:
    'replay --fiscal-year 2023 [--known-at 2024-04-15T00:00:00+09:00] [--position N] [--occurred-by 2024-03-31]',
  async run({ options }, { eventStore, databaseUrl, print }) {
    const fiscalYear = usageOnInvalid(() => parseFiscalYear(options['fiscal-year']));
    const asOf = usageOnInvalid(() =>
      parseAsOf({
        knownAt: options['known-at'],
        position: options.position,
        occurredBy: options['occurred-by'],
      }),
    );
    const report = await withAuditDatabase(databaseUrl, (database) =>
      checkReplay({
        eventStore,
        reader: new AsOfFiguresReader(database, METRICS),
        metrics: METRICS,
        fiscalYear,
        asOf,
      }),
    );
    print(JSON.stringify(report, null, 2));
    if (!report.agrees) {
      throw new AuditCheckFailedError(
        `REPLAY MISMATCH for FY${fiscalYear}: ${report.mismatches.map((m) => `${m.metricId} read model ${m.readModel}, replay ${m.replayed}`).join('; ')}`,
      );
    }
  },
};
