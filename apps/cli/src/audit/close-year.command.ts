import { HashChainRecorder, closeFiscalYear, parseFiscalYear } from '@ledger/audit';
import { METRICS } from '@ledger/domain';
import { CliCommand, UsageError } from '../cli-command';
import { usageOnInvalid, withAuditDatabase } from './audit-cli-support';

/**
 * Closes a fiscal year. The read model must reach the close's checkpoint, so a projector
 * (the service, or the projector process) has to be running.
 */
export const closeYearCommand: CliCommand = {
  path: ['close-year'],
  usage: 'close-year --fiscal-year 2023 --by <administrator>',
  async run({ options }, { eventStore, databaseUrl, print }) {
    const fiscalYear = usageOnInvalid(() => parseFiscalYear(options['fiscal-year']));
    const by = options.by?.trim();
    if (!by) throw new UsageError('--by names the administrator closing the year');
    const close = await withAuditDatabase(databaseUrl, (database) =>
      closeFiscalYear({
        eventStore,
        database,
        recorder: new HashChainRecorder({ eventStore, database }),
        metrics: METRICS,
        fiscalYear,
        closedBy: `cli:${by}`,
        now: () => new Date(),
      }),
    );
    print(
      `Closed FY${fiscalYear} at position ${close.position}; hash checkpoint ${close.hashCheckpoint.hash} over ${close.hashCheckpoint.eventCount} events`,
    );
  },
};
