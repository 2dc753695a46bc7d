import { AuditDatabase, InvalidAsOfError, openAuditDatabase } from '@ledger/audit';
import { UsageError } from '../cli-command';

/** The audit tables for the length of one command. */
export async function withAuditDatabase<T>(
  databaseUrl: string,
  work: (database: AuditDatabase) => Promise<T>,
): Promise<T> {
  const { database, close } = await openAuditDatabase(databaseUrl);
  try {
    return await work(database);
  } finally {
    await close();
  }
}

/** A malformed --known-at or --fiscal-year is a usage error, not a crash. */
export function usageOnInvalid<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InvalidAsOfError) throw new UsageError(error.message);
    throw error;
  }
}

/** The check failed: printed in full, then the process exits non-zero. */
export class AuditCheckFailedError extends Error {}
