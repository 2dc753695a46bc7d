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

/**
 * The append as one server-side function, so one round trip does what `append` needs: take
 * the store's advisory lock, look for the ids and the stream's revision, and insert with
 * positions after the head. The lock is then held only inside the server (until the commit
 * of the statement's own transaction), never while the client's event loop is busy
 * elsewhere. It appends nothing when any id is stored already (the caller decides between
 * a retry and a reused id) or the expected revision does not hold, and answers the stream's
 * revision so the caller can say which.
 *
 * Its commit waits for the WAL flush with the lock still held, so a commit is on disk
 * before it is visible and positions stay in commit order. A process sends one append call
 * at a time and those arriving meanwhile together in the next (`AppendQueue`), so its own
 * appends never queue for the lock behind a flush.
 */
export function appendFunctionMigration(schema: string, lockKey: number, channel: string): string {
  return `
-- Earlier versions, with other arguments, would make a call ambiguous or outlive their use.
DROP FUNCTION IF EXISTS ${schema}.append_events(text, text, jsonb);
DROP FUNCTION IF EXISTS ${schema}.append_events(text, text, jsonb, boolean);
DROP FUNCTION IF EXISTS ${schema}.append_events(text, text, jsonb, boolean, jsonb);
DROP FUNCTION IF EXISTS ${schema}.append_to_streams(jsonb, boolean);
-- p_metadata: the metadata of every event in p_events that has none of its own.
CREATE OR REPLACE FUNCTION ${schema}.append_events(
  p_stream_id text, p_expected text, p_events jsonb, p_metadata jsonb)
RETURNS TABLE (r_outcome text, r_current integer, r_event_id uuid, r_stream_id text, r_revision integer, r_position bigint)
LANGUAGE plpgsql AS $append$
DECLARE
  v_current integer;
  v_head bigint;
  v_ids uuid[];
BEGIN
  PERFORM pg_advisory_xact_lock(${lockKey});
  SELECT max(e.revision) INTO v_current FROM ${schema}.events e WHERE e.stream_id = p_stream_id;
  -- As an array, so the plan is an index probe per id at any size of the table. The plan
  -- is made once per session: an IN (subquery) planned while the table was small stays a
  -- sequential scan as it grows, until the next ANALYZE (an append of 500 events took ten
  -- times longer at 200,000 events).
  SELECT array_agg((x->>'id')::uuid) INTO v_ids FROM jsonb_array_elements(p_events) AS x;
  RETURN QUERY
    SELECT 'existing'::text, v_current, e.event_id, e.stream_id, e.revision, e.position
      FROM ${schema}.events e WHERE e.event_id = ANY(v_ids);
  IF FOUND THEN RETURN; END IF;
  IF jsonb_array_length(p_events) = 0 OR NOT (
       p_expected = 'any'
    OR (p_expected = 'no_stream' AND v_current IS NULL)
    OR (p_expected = 'stream_exists' AND v_current IS NOT NULL)
    OR (p_expected NOT IN ('any', 'no_stream', 'stream_exists')
        AND coalesce(v_current = p_expected::integer, false))) THEN
    RETURN QUERY SELECT 'not-appended'::text, v_current, NULL::uuid, NULL::text, NULL::integer, NULL::bigint;
    RETURN;
  END IF;
  SELECT coalesce(max(e.position), 0) INTO v_head FROM ${schema}.events e;
  INSERT INTO ${schema}.events AS e (position, event_id, stream_id, revision, type, schema_version, data, metadata)
  SELECT v_head + t.n, (t.x->>'id')::uuid, p_stream_id, coalesce(v_current, -1) + t.n::integer,
         t.x->>'type', (t.x->>'schemaVersion')::integer, t.x->'data',
         coalesce(t.x->'metadata', p_metadata)
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, n)
   ORDER BY t.n;
  -- One row for the whole append, not one per event: its events took, in the order sent,
  -- the positions after the head and the revisions after the stream's.
  RETURN QUERY SELECT 'appended'::text, v_current, NULL::uuid, p_stream_id,
                      coalesce(v_current, -1) + 1, v_head + 1;
  PERFORM pg_notify('${channel}', '');
END
$append$;

-- Several appends, in order, under one take of the lock and in one commit; each is checked
-- and answered as append_events answers it alone after the ones before it (rows tagged with
-- its index).
CREATE OR REPLACE FUNCTION ${schema}.append_to_streams(p_appends jsonb)
RETURNS TABLE (r_index integer, r_outcome text, r_current integer, r_event_id uuid, r_stream_id text, r_revision integer, r_position bigint)
LANGUAGE plpgsql AS $append_many$
DECLARE
  v_append jsonb;
  v_index integer;
BEGIN
  PERFORM pg_advisory_xact_lock(${lockKey});
  FOR v_append, v_index IN SELECT t.x, t.n::integer FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS t(x, n) LOOP
    RETURN QUERY SELECT v_index - 1, a.*
      FROM ${schema}.append_events(v_append->>'streamId', v_append->>'expected', v_append->'events',
                                   v_append->'metadata') AS a;
  END LOOP;
END
$append_many$;
`;
}
