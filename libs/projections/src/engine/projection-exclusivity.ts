import { DataSource, QueryRunner } from 'typeorm';
import { execute } from './sql-execute';

/**
 * Keeps a second process from running the same build at the same time. It is a liveness
 * guard only: safety comes from the compare-and-set on the checkpoint in every batch
 * transaction (`ProjectionRunner`), which makes a second writer's transaction touch no row
 * and roll back even if two processes ever believed they held the build.
 */
export interface ProjectionExclusivity {
  /** True when this process now holds the build. */
  tryAcquire(name: string, version: string): Promise<boolean>;
  /** Called between batches; false when the hold has been lost. */
  renew(name: string, version: string): Promise<boolean>;
  release(name: string, version: string): Promise<void>;
}

/**
 * PostgreSQL: a session advisory lock taken on a connection held for as long as the build
 * runs. A killed process loses its session and with it the lock, so a restarted projector
 * takes over at once. Useless on PGlite, where every connection shares one session and
 * advisory locks are re-entrant: use `LeaseExclusivity` there.
 */
export class SessionLockExclusivity implements ProjectionExclusivity {
  private connection: QueryRunner | undefined;

  constructor(private readonly dataSource: DataSource) {}

  async tryAcquire(name: string, version: string): Promise<boolean> {
    this.connection ??= this.dataSource.createQueryRunner();
    const [row] = await this.connection.query(
      `SELECT pg_try_advisory_lock(${LOCK_CLASS}, hashtext($1)) AS locked`,
      [`${name}:${version}`],
    );
    return row.locked === true;
  }

  async renew(): Promise<boolean> {
    if (!this.connection) return false;
    try {
      await this.connection.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async release(name: string, version: string): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (!connection) return;
    await connection
      .query(`SELECT pg_advisory_unlock(${LOCK_CLASS}, hashtext($1))`, [`${name}:${version}`])
      .catch(() => undefined);
    await connection.release();
  }
}

/**
 * Embedded PGlite: a lease written on the build's row, renewed in every batch transaction
 * and between batches. A crashed holder is replaced once its lease expires. Correct on
 * PostgreSQL too, only slower to take over after a crash.
 */
export class LeaseExclusivity implements ProjectionExclusivity {
  constructor(
    private readonly dataSource: DataSource,
    readonly owner: string,
    readonly ttlMs: number,
  ) {}

  async tryAcquire(name: string, version: string): Promise<boolean> {
    return this.claim(name, version);
  }

  renew(name: string, version: string): Promise<boolean> {
    return this.claim(name, version);
  }

  async release(name: string, version: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE projection_versions SET lease_owner = NULL, lease_expires_at = NULL
        WHERE name = $1 AND version = $2 AND lease_owner = $3`,
      [name, version, this.owner],
    );
  }

  private async claim(name: string, version: string): Promise<boolean> {
    const { affected } = await execute(
      this.dataSource,
      `UPDATE projection_versions
          SET lease_owner = $3, lease_expires_at = clock_timestamp() + $4 * interval '1 millisecond'
        WHERE name = $1 AND version = $2
          AND (lease_owner IS NULL OR lease_owner = $3 OR lease_expires_at < clock_timestamp())`,
      [name, version, this.owner, this.ttlMs],
    );
    return affected === 1;
  }
}

/** Two-key advisory locks, so they never collide with the event store's one-key lock. */
const LOCK_CLASS = 7_340_417;

/**
 * The mechanism that works on the database behind `dataSource`: a session advisory lock
 * on PostgreSQL, a lease on PGlite (one shared session, where advisory locks never block).
 */
export async function exclusivityFor(
  dataSource: DataSource,
  owner: string,
): Promise<ProjectionExclusivity> {
  return (await isPglite(dataSource))
    ? new LeaseExclusivity(dataSource, owner, 10_000)
    : new SessionLockExclusivity(dataSource);
}

/** Whether the database is embedded PGlite (one session shared by every connection). */
export async function isPglite(dataSource: DataSource): Promise<boolean> {
  const [{ version }] = await dataSource.query('SELECT version() AS version');
  return String(version).includes('PGlite');
}
