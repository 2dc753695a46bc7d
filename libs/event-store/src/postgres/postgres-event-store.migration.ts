/**
 * The whole schema of the PostgreSQL event store. Idempotent, so `initialize()` runs it at
 * every start; a later change is a new statement appended here, written to be re-runnable.
 *
 * `position` is assigned by the appender while it holds the store's advisory lock (see
 * `PostgresEventStore.append`), not by a sequence, so the global order is commit order.
 */
export function eventStoreMigration(schema: string): string {
  return `
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.events (
  position bigint PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  stream_id text NOT NULL,
  revision integer NOT NULL,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_id, revision)
);
`;
}
