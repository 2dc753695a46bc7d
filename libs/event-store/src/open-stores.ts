import { Pool } from 'pg';
import { EmbeddedPostgres } from './embedded/embedded-postgres';
import { EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';

export type StoreKind = 'embedded' | 'postgres' | 'eventstoredb';

export interface OpenedStores {
  kind: StoreKind;
  eventStore: EventStore;
  /** PostgreSQL for everything that is not events: read models, checkpoints, API keys. */
  databaseUrl: string;
  /** Closes the event store and whatever was opened for it (pool, embedded database). */
  close(): Promise<void>;
}

export interface StoreEnvironment {
  /** Unset: embedded PGlite. `postgres://…`: that server. `esdb://…`: EventStoreDB. */
  EVENT_STORE_URL?: string;
  /** The read-model database, when it is not the event store's own PostgreSQL. */
  DATABASE_URL?: string;
  /** Where embedded PGlite keeps its files (default `./data`). */
  DATA_DIR?: string;
}

const EVENT_STORE_POOL_SIZE = 10;
/**
 * Connections each `pg` pool of a long-running process keeps open however long it idles.
 * By default every idle connection closes after 10 s, and the first requests after a quiet
 * spell wait for new ones (authentication, a new server process, its plans made afresh);
 * appends go one at a time, so every request queued behind them waits too. A few warm
 * connections carry a steady load; the rest of a pool still closes when idle.
 */
export const WARM_CONNECTIONS = 2;

/** Picks and opens the stores from the environment; the one place that knows the choice. */
export async function openStores(env: StoreEnvironment = process.env): Promise<OpenedStores> {
  const url = env.EVENT_STORE_URL?.trim() || undefined;
  const dataDir = env.DATA_DIR?.trim() || './data';

  if (url === undefined) {
    const embedded = await EmbeddedPostgres.open(dataDir);
    try {
      // PGlite's notifications never reach another connection: subscriptions poll.
      const opened = await openPostgresEventStore(embedded.connectionString, false);
      return {
        kind: 'embedded',
        eventStore: opened.store,
        databaseUrl: embedded.connectionString,
        close: async () => {
          await opened.close();
          await embedded.close();
        },
      };
    } catch (error) {
      await embedded.close();
      throw error;
    }
  }

  const scheme = /^([a-z+]+):\/\//i.exec(url)?.[1].toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') {
    const opened = await openPostgresEventStore(url, true);
    return {
      kind: 'postgres',
      eventStore: opened.store,
      databaseUrl: env.DATABASE_URL?.trim() || url,
      close: opened.close,
    };
  }

  if (scheme === 'esdb' || scheme === 'esdb+discover') {
    // Loaded only here, so the embedded and PostgreSQL modes never load gRPC.
    const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store');
    const eventStore = await EventStoreDbEventStore.connect(url);
    const databaseUrl = env.DATABASE_URL?.trim();
    if (databaseUrl) {
      return { kind: 'eventstoredb', eventStore, databaseUrl, close: () => eventStore.close() };
    }
    try {
      const embedded = await EmbeddedPostgres.open(dataDir);
      return {
        kind: 'eventstoredb',
        eventStore,
        databaseUrl: embedded.connectionString,
        close: async () => {
          await eventStore.close();
          await embedded.close();
        },
      };
    } catch (error) {
      await eventStore.close();
      throw error;
    }
  }

  throw new Error(
    `EVENT_STORE_URL must start with postgres://, postgresql://, esdb:// or esdb+discover://, or be unset for the embedded store${scheme ? `; got ${scheme}://…` : ''}`,
  );
}

async function openPostgresEventStore(
  connectionString: string,
  liveNotifications: boolean,
): Promise<{ store: PostgresEventStore; close(): Promise<void> }> {
  const pool = new Pool({ connectionString, max: EVENT_STORE_POOL_SIZE, min: WARM_CONNECTIONS });
  // An idle client that loses its connection emits 'error' on the pool; unhandled, it
  // would crash the process. The next query reports the outage as unavailability instead.
  pool.on('error', () => undefined);
  // A checked-out client has no pool listener: a server shutdown arriving between two
  // queries of an append ('terminating connection', 57P01) would crash the api. The
  // query that follows fails instead, and is reported as unavailability.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const store = new PostgresEventStore(pool, { liveNotifications });
  try {
    await store.initialize();
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    store,
    close: async () => {
      await store.close();
      await pool.end();
    },
  };
}
