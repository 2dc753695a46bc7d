import { verifyStore } from '@ledger/audit';
import { CliCommand } from '../cli-command';
import { AuditCheckFailedError, withAuditDatabase } from './audit-cli-support';

/** Recomputes the hash chain over the whole store; exits non-zero at the first mismatch. */
export const verifyCommand: CliCommand = {
  path: ['verify'],
  usage: 'verify',
  async run(_args, { eventStore, databaseUrl, print }) {
    const report = await withAuditDatabase(databaseUrl, (database) =>
      verifyStore({ eventStore, database }),
    );
    print(JSON.stringify(report, null, 2));
    if (!report.ok) {
      const mismatch = report.firstMismatch;
      throw new AuditCheckFailedError(
        `The store no longer matches its hash chain at position ${mismatch?.position} (${mismatch?.reason})`,
      );
    }
  },
};
