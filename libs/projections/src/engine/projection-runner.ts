import { EventStore, StoredEvent } from '@ledger/event-store';
import { PoolClient, QueryResult } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { LiveFeed } from './live-feed';
import { Projection } from './projection';
import { ProjectionExclusivity, isPglite } from './projection-exclusivity';
import { ProjectionVersionStatus } from './projection-version.entity';
import { dropRetiredBuilds } from './retired-builds';
import { execute, sqlLiteral } from './sql-execute';

export interface ProjectionRunnerOptions {
  dataSource: DataSource;
  eventStore: EventStore;
  projection: Projection;
  exclusivity: ProjectionExclusivity;
  /** Events read and applied per transaction. */
  batchSize?: number;
  /**
   * Longest wait for the store's subscription, once caught up, before polling the store
   * directly; bounds the lag should a wake-up be lost.
   */
  idlePollMs?: number;
  /** Pause before trying again when another process holds the build or a batch failed. */
  retryMs?: number;
  /**
   * Read the next batch while the current one is applied. Only on PostgreSQL: on PGlite
   * every connection shares one session, so the read would just queue behind the batch.
   */
  prefetch?: boolean;
  /** Start a new build beside the active one even if it was made by this code (rebuild). */
  freshBuild?: boolean;
  /** End once this runner's build is active and has reached the head (rebuild). */
  stopWhenCaughtUp?: boolean;
  onBatch?: (batch: AppliedBatch) => void;
  /** A caught-up build starts taking over: `completeVersion`, then the switch, follow. */
  onTakingOver?: (build: { version: string; position: number }) => void;
  onError?: (error: unknown) => void;
}

export interface AppliedBatch {
  version: string;
  status: ProjectionVersionStatus;
  fromPosition: number;
  toPosition: number;
  events: number;
}

interface Build {
  version: string;
  status: ProjectionVersionStatus;
  position: number;
}

interface BuildRow {
  version: string;
  code_version: string;
  status: ProjectionVersionStatus;
  position: string;
}

/** The build lost its checkpoint to another writer, or was retired by a newer build. */
class LostBuildError extends Error {}

/** This code's build was retired by a newer one; only the rebuild command may make another. */
export class ProjectionSupersededError extends Error {}

/**
 * Runs one projection: reads the store in global order after the checkpoint, applies each
 * batch and advances the checkpoint in one transaction. The next batch is read before a
 * transaction opens, so no transaction ever waits on another connection (PGlite would
 * deadlock). A compare-and-set on the checkpoint makes a batch that another process has
 * already applied roll back, so nothing is applied twice even if exclusivity failed.
 */
export class ProjectionRunner {
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  private readonly retryMs: number;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wakeSleep: (() => void) | undefined;
  private feed: LiveFeed | undefined;
  private activePosition = -1;
  private readonly positionWaiters = new Set<() => void>();
  private current: Build | undefined;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.batchSize = options.batchSize ?? 2_000;
    this.idlePollMs = options.idlePollMs ?? 20;
    this.retryMs = options.retryMs ?? 500;
  }

  /** Build this runner is working on, once it has one. */
  get build(): Readonly<Build> | undefined {
    return this.current;
  }

  /** Starts following the store; `done()` settles when it stops or fails for good. */
  start(): void {
    this.loop ??= this.run();
  }

  done(): Promise<void> {
    this.start();
    return this.loop as Promise<void>;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeSleep?.();
    this.feed?.interrupt();
    await this.loop?.catch(() => undefined);
  }

  /**
   * Resolves true once the active build has applied everything up to `position`, false
   * after `timeoutMs`. Only this runner's active build is seen; other processes' progress
   * is read from the checkpoint table by `waitForProjectionPosition`.
   */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    if (this.activePosition >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.activePosition < position) return;
        clearTimeout(timer);
        this.positionWaiters.delete(check);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.positionWaiters.delete(check);
        resolve(false);
      }, timeoutMs);
      this.positionWaiters.add(check);
    });
  }

  private async run(): Promise<void> {
    const { projection, exclusivity } = this.options;
    while (!this.stopping) {
      let build: Build;
      let acquired: boolean;
      try {
        build = await this.resolveBuild();
        acquired = await exclusivity.tryAcquire(projection.name, build.version);
      } catch (error) {
        // Only a superseded build ends the run; a database that is restarting is waited out.
        if (error instanceof ProjectionSupersededError) throw error;
        this.options.onError?.(error);
        await this.sleep(this.retryMs);
        continue;
      }
      this.current = build;
      if (!acquired) {
        await this.sleep(this.retryMs);
        continue;
      }
      try {
        const finished = await this.follow(build);
        if (finished) return;
      } catch (error) {
        if (!(error instanceof LostBuildError)) {
          this.options.onError?.(error);
          await this.sleep(this.retryMs);
        }
      } finally {
        await exclusivity.release(projection.name, build.version).catch(() => undefined);
      }
    }
  }

  /** Applies batches until stopped; true when the work asked for is finished. */
  private async follow(build: Build): Promise<boolean> {
    const { eventStore } = this.options;
    if (build.status === 'active') this.publish(build.position);
    let prefetched: Promise<StoredEvent[]> | undefined;
    for (;;) {
      if (this.stopping) return true;
      const events = await (prefetched ??
        eventStore.readAll({ after: build.position, maxCount: this.batchSize }));
      prefetched = undefined;
      if (events.length === 0) break;
      if (this.options.prefetch && events.length === this.batchSize) {
        const after = events[events.length - 1].position;
        prefetched = eventStore.readAll({ after, maxCount: this.batchSize });
        // Dropped unread when the batch fails; the failure is reported by applyBatch.
        prefetched.catch(() => undefined);
      }
      await this.applyBatch(build, events);
      if (events.length < this.batchSize) break;
    }
    if (build.status === 'building') await this.activate(build);
    if (this.options.stopWhenCaughtUp) return true;
    return this.followLive(build);
  }

  /**
   * Caught up: each batch is everything the store holds after the checkpoint, read when the
   * previous one is done, so batches grow with the load and their fixed costs stay shared.
   * When nothing is left, the runner waits on the store's subscription, which hears of an
   * append as it commits, instead of sleeping until the next poll; it goes back to reading
   * batches once events arrive, so the subscription never reads what a batch read will.
   */
  private async followLive(build: Build): Promise<boolean> {
    const { eventStore, projection, exclusivity } = this.options;
    let renewedAt = Date.now();
    try {
      while (!this.stopping) {
        let events = await eventStore.readAll({ after: build.position, maxCount: this.batchSize });
        if (events.length === 0) {
          // A stop that came during the read found no feed to interrupt: waiting now would
          // hold it for up to `idlePollMs`.
          if (this.stopping) break;
          this.feed ??= new LiveFeed(eventStore, build.position, this.batchSize);
          // A wake-up can be lost (a NOTIFY connection reconnecting): the next read after
          // `idlePollMs` bounds the lag then.
          events = (await this.feed.take(this.batchSize, this.idlePollMs)).filter(
            (event) => event.position > build.position,
          );
        }
        if (events.length > 0) {
          await this.closeFeed();
          await this.applyBatch(build, events);
          renewedAt = Date.now();
        } else if (Date.now() - renewedAt > 1_000) {
          if (!(await exclusivity.renew(projection.name, build.version)))
            throw new LostBuildError();
          renewedAt = Date.now();
        }
      }
      return true;
    } finally {
      await this.closeFeed();
    }
  }

  private async closeFeed(): Promise<void> {
    const feed = this.feed;
    this.feed = undefined;
    await feed?.close();
  }

  private async applyBatch(build: Build, events: readonly StoredEvent[]): Promise<void> {
    const { dataSource, projection } = this.options;
    const fromPosition = build.position;
    const toPosition = events[events.length - 1].position;
    const transaction = dataSource.createQueryRunner();
    try {
      const client = (await transaction.connect()) as PoolClient;
      // One round trip opens the transaction and takes the checkpoint: a live batch is
      // small, and each round trip more was a fair share of its time. The UPDATE locks the
      // build's row, so a concurrent writer of the same build waits there, then finds the
      // position moved on and rolls back. Literals, as several statements take no parameters.
      //
      // A batch need not wait for its commit to reach the disk: a crash of the database
      // loses at most its last batches together with their checkpoint, and they are applied
      // again from the store, whose appends stay synchronous. Waiting made every batch pay
      // for the disk, and each stall of it (1.4 s under a neighbour's writes) became lag.
      const opened = (await client.query(
        `BEGIN; SET LOCAL synchronous_commit = off;
         UPDATE projection_versions SET position = ${toPosition}, updated_at = clock_timestamp()
          WHERE name = ${sqlLiteral(projection.name)} AND version = ${sqlLiteral(build.version)}
            AND position = ${fromPosition} AND status <> 'retired'`,
      )) as unknown as QueryResult[];
      if (opened[2].rowCount !== 1) throw new LostBuildError();
      await projection.apply(events, transaction, build.version, build.status);
      await client.query('COMMIT');
    } catch (error) {
      await transaction.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await transaction.release();
    }
    build.position = toPosition;
    if (build.status === 'active') this.publish(toPosition);
    this.options.onBatch?.({
      version: build.version,
      status: build.status,
      fromPosition,
      toPosition,
      events: events.length,
    });
  }

  /**
   * The caught-up build takes over from the active one in one transaction: its completion,
   * then what the active build applied meanwhile, then the switch. The builds' rows are
   * locked only for the switch: locked for the whole completion (seconds after a large
   * rebuild), the active build's checkpoint would hold its live runner, and the figures
   * readers see would stop moving until the switch.
   */
  private async activate(build: Build): Promise<void> {
    const { dataSource, projection, eventStore } = this.options;
    this.options.onTakingOver?.({ version: build.version, position: build.position });
    // On PGlite nothing else runs while this transaction does, and a read of the store from
    // inside it, on another connection, would wait for it to end.
    const concurrent = !(await isPglite(dataSource));
    let position = build.position;
    /** Applies the events after `position` through `through`, as the active build will. */
    const catchUp = async (transaction: QueryRunner, through: number): Promise<void> => {
      for (;;) {
        const events = (
          await eventStore.readAll({ after: position, maxCount: this.batchSize })
        ).filter((event) => event.position <= through);
        if (events.length === 0) return;
        await projection.apply(events, transaction, build.version, 'active');
        position = events[events.length - 1].position;
      }
    };
    await inTransaction(dataSource, async (transaction) => {
      await projection.completeVersion?.(build.version, transaction);
      // The active build went on meanwhile: this build applies what it did, so the figures
      // never step back at the switch, most before the rows are locked, the rest after.
      if (concurrent) await catchUp(transaction, await eventStore.headPosition());
      const { rows } = await execute<{ status: string; position: string }>(
        transaction,
        'SELECT status, position FROM projection_versions WHERE name = $1 FOR UPDATE',
        [projection.name],
      );
      const active = rows.find((row) => row.status === 'active');
      if (concurrent && active) await catchUp(transaction, Number(active.position));
      await execute(
        transaction,
        `UPDATE projection_versions SET status = 'retired', updated_at = clock_timestamp()
          WHERE name = $1 AND status = 'active' AND version <> $2`,
        [projection.name, build.version],
      );
      const { affected } = await execute(
        transaction,
        `UPDATE projection_versions
            SET status = 'active', position = $3, activated_at = clock_timestamp(),
                updated_at = clock_timestamp()
          WHERE name = $1 AND version = $2 AND status = 'building'`,
        [projection.name, build.version, position],
      );
      if (affected !== 1) throw new LostBuildError();
    });
    build.position = position;
    build.status = 'active';
    this.publish(build.position);
    // The retired builds' writers now fail their compare-and-set, so their rows can go. The
    // switch stands whatever happens to the removal: a failure is reported, and the next
    // takeover removes what is left.
    await dropRetiredBuilds(dataSource, projection).catch((error: unknown) =>
      this.options.onError?.(error),
    );
  }

  /**
   * Which build to work on: the active one if this code made it; else a build of this
   * code in progress; else a new one (active at once when nothing else is, unless rebuilding).
   */
  private async resolveBuild(): Promise<Build> {
    const { dataSource, projection, freshBuild } = this.options;
    return inTransaction(dataSource, async (transaction) => {
      await execute(transaction, `SELECT pg_advisory_xact_lock(7340418, hashtext($1))`, [
        projection.name,
      ]);
      const { rows } = await execute<BuildRow>(
        transaction,
        `SELECT version, code_version, status, position FROM projection_versions
          WHERE name = $1 ORDER BY started_at`,
        [projection.name],
      );
      const toBuild = (row: BuildRow): Build => ({
        version: row.version,
        status: row.status,
        position: Number(row.position),
      });
      const ours = rows.filter((row) => row.code_version === projection.codeVersion);
      const active = rows.find((row) => row.status === 'active');
      if (!freshBuild && active?.code_version === projection.codeVersion) return toBuild(active);
      const inProgress = ours.filter((row) => row.status === 'building').pop();
      if (inProgress) return toBuild(inProgress);
      if (!freshBuild && ours.some((row) => row.status === 'retired')) {
        throw new ProjectionSupersededError(
          `Projection ${projection.name} ${projection.codeVersion} was superseded by ${active?.version}; run the rebuild command to build it again`,
        );
      }
      const version =
        ours.length === 0
          ? projection.codeVersion
          : `${projection.codeVersion}.r${ours.length + 1}`;
      // A rebuild serves no reader until it is complete, even with nothing else active:
      // partial figures would be wrong figures, and an unread build can be loaded faster.
      const status: ProjectionVersionStatus = active || freshBuild ? 'building' : 'active';
      await execute(
        transaction,
        `INSERT INTO projection_versions
           (name, version, code_version, status, position, started_at, activated_at, updated_at)
         VALUES ($1, $2, $3, $4, 0, clock_timestamp(), $5, clock_timestamp())`,
        [
          projection.name,
          version,
          projection.codeVersion,
          status,
          status === 'active' ? new Date() : null,
        ],
      );
      await projection.createVersion?.(version, status, transaction);
      return { version, status, position: 0 };
    });
  }

  private publish(position: number): void {
    this.activePosition = position;
    for (const check of [...this.positionWaiters]) check();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeSleep = done;
    });
  }
}

async function inTransaction<T>(
  dataSource: DataSource,
  work: (transaction: QueryRunner) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    const result = await work(runner);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
