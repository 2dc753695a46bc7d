import { StoredEvent } from '@ledger/event-store';
import { QueryRunner } from 'typeorm';
import { ProjectionVersionStatus } from './projection-version.entity';

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
   * Called in the transaction that records a new build, before its first batch; `status`
   * is `active` when the build serves readers from its first batch on.
   */
  createVersion?(
    version: string,
    status: ProjectionVersionStatus,
    runner: QueryRunner,
  ): Promise<void>;
  /**
   * Applies a batch, in global order, inside the transaction that also advances the
   * checkpoint. Must be set-based: a handful of statements per batch, not one per event.
   * A `building` build is read by no one, so it may leave work that only readers need
   * (indexes, aggregates) to `completeVersion`.
   */
  apply(
    events: readonly StoredEvent[],
    transaction: QueryRunner,
    version: string,
    status: ProjectionVersionStatus,
  ): Promise<void>;
  /**
   * Called in the transaction that makes a caught-up `building` build active: whatever
   * `apply` left for later is done here, so readers never see it unfinished.
   */
  completeVersion?(version: string, runner: QueryRunner): Promise<void>;
  /**
   * Deletes every row of a retired build. Called outside any transaction, so that it can
   * remove the build's tables without making readers of the other builds wait.
   */
  dropVersion(version: string, runner: QueryRunner): Promise<void>;
}

/**
 * A projection's code version: its schema version (bumped when its tables or the way rows
 * are derived change) and an FNV-1a fingerprint of its definitions, so a new metric
 * definition gives a new code version, hence a rebuild.
 */
export function codeVersionOf(schemaVersion: number, definitions: unknown): string {
  const text = JSON.stringify(definitions);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${schemaVersion}.${(hash >>> 0).toString(16).padStart(8, '0')}`;
}
