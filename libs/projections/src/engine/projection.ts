import { StoredEvent } from '@ledger/event-store';
import { QueryRunner } from 'typeorm';

/**
 * A projection: a name, a code version, and how a batch of events changes its rows.
 * Every row a projection writes carries the build key (`version`), so a new build can
 * fill the same tables beside the active one.
 */
export interface Projection {
  readonly name: string;
  /** Changes whenever the rows it would produce change (code or definitions). */
  readonly codeVersion: string;
  /**
   * Applies a batch, in global order, inside the transaction that also advances the
   * checkpoint. Must be set-based: a handful of statements per batch, not one per event.
   */
  apply(events: readonly StoredEvent[], transaction: QueryRunner, version: string): Promise<void>;
  /** Deletes every row of a retired build. */
  dropVersion(version: string, runner: QueryRunner): Promise<void>;
}
