import { randomUUID } from 'node:crypto';
import { HASH_CHECKPOINT_STREAM, HashChainRecorder, verifyStore } from '@ledger/audit';
import { describeOnBothBackends } from './support/audit-test-backends';

/**
 * Given 20 recorded events and a checkpoint every 5, an administrator edits, deletes and
 * reorders rows straight in SQL; verify must name the first position that no longer
 * matches, and agree again once the row is put back.
 */
describeOnBothBackends('tamper evidence', (backend) => {
  beforeAll(async () => {
    const { eventStore, database } = backend();
    for (let i = 1; i <= 20; i++) {
      await eventStore.append(`consultation-${i % 4}`, [
        {
          id: randomUUID(),
          type: 'ConsultationHandled',
          schemaVersion: 1,
          data: { occurredOn: '2023-06-01', channel: i % 2 === 0 ? 'email' : 'phone', count: i },
          metadata: { recordedBy: 'key:entry', bodyId: 'peer-support-center' },
        },
      ]);
    }
    await new HashChainRecorder({ eventStore, database, checkpointInterval: 5 }).catchUp();
  });

  it('checkpoints every 5 events, the checkpoints themselves counted in the chain', async () => {
    const checkpoints = await backend().eventStore.readStream(HASH_CHECKPOINT_STREAM);
    expect(
      checkpoints.map((event) => [event.position, event.data.position, event.data.eventCount]),
    ).toEqual([
      [21, 5, 5],
      [22, 10, 10],
      [23, 15, 15],
      [24, 20, 20],
    ]);
    const [{ count }] = await backend().database.query<{ count: string }>(
      'SELECT count(*) FROM audit_event_hashes',
    );
    expect(Number(count)).toBe(24);
  });

  it('finds nothing wrong with the untouched store', async () => {
    const report = await verifyStore({
      eventStore: backend().eventStore,
      database: backend().database,
      pageSize: 7,
    });
    expect(report).toMatchObject({
      ok: true,
      eventsChecked: 24,
      headPosition: 24,
      checkpointsChecked: 4,
      ledgerRowsChecked: 24,
      firstMismatch: null,
    });
  });

  it('finds a row edited in place at its own position, and only the interval without the ledger', async () => {
    const { sql, eventStore, database } = backend();
    await sql.query(
      `UPDATE event_store.events SET data = jsonb_set(data, '{count}', '70') WHERE position = 7`,
    );
    const report = await verifyStore({ eventStore, database, pageSize: 7 });
    expect(report.firstMismatch).toMatchObject({
      position: 7,
      reason: 'hash-differs',
      seq: 7,
      lastVerifiedCheckpoint: { position: 5, eventCount: 5 },
    });

    const anchorsOnly = await verifyStore({ eventStore, pageSize: 7 });
    expect(anchorsOnly.firstMismatch).toMatchObject({
      position: 10,
      reason: 'checkpoint-differs',
      seq: 10,
      lastVerifiedCheckpoint: { position: 5, eventCount: 5 },
    });

    await sql.query(
      `UPDATE event_store.events SET data = jsonb_set(data, '{count}', '7') WHERE position = 7`,
    );
    expect((await verifyStore({ eventStore, database })).ok).toBe(true);
  });

  it('finds a deleted row at the position it left', async () => {
    const { sql, eventStore, database } = backend();
    const { rows } = await sql.query(
      `DELETE FROM event_store.events WHERE position = 12 RETURNING *`,
    );
    const report = await verifyStore({ eventStore, database, pageSize: 5 });
    expect(report.firstMismatch).toMatchObject({
      position: 12,
      reason: 'event-missing',
      seq: 12,
      lastVerifiedCheckpoint: { position: 10, eventCount: 10 },
    });

    const anchorsOnly = await verifyStore({ eventStore });
    expect(anchorsOnly.firstMismatch).toMatchObject({
      position: 15,
      reason: 'checkpoint-differs',
      lastVerifiedCheckpoint: { position: 10, eventCount: 10 },
    });

    await reinsert(rows[0]);
    expect((await verifyStore({ eventStore, database })).ok).toBe(true);
  });

  it('finds the last row deleted', async () => {
    const { sql, eventStore, database } = backend();
    const { rows } = await sql.query(
      `DELETE FROM event_store.events WHERE position = 24 RETURNING *`,
    );
    const report = await verifyStore({ eventStore, database });
    expect(report.firstMismatch).toMatchObject({ position: 24, reason: 'event-missing', seq: 23 });
    await reinsert(rows[0]);
    expect((await verifyStore({ eventStore, database })).ok).toBe(true);
  });

  it('finds two rows swapped at the first of the two', async () => {
    const { sql, eventStore, database } = backend();
    await swapPositions(16, 18);
    const report = await verifyStore({ eventStore, database });
    expect(report.firstMismatch).toMatchObject({
      position: 16,
      reason: 'hash-differs',
      seq: 16,
      lastVerifiedCheckpoint: { position: 15, eventCount: 15 },
    });

    await swapPositions(16, 18);
    expect((await verifyStore({ eventStore, database })).ok).toBe(true);

    async function swapPositions(a: number, b: number): Promise<void> {
      await sql.query(
        `BEGIN;
         UPDATE event_store.events SET position = -1 WHERE position = ${a};
         UPDATE event_store.events SET position = ${a} WHERE position = ${b};
         UPDATE event_store.events SET position = ${b} WHERE position = -1;
         COMMIT;`,
      );
    }
  });

  async function reinsert(row: Record<string, unknown>): Promise<void> {
    await backend().sql.query(
      `INSERT INTO event_store.events (position, event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        row.position,
        row.event_id,
        row.stream_id,
        row.revision,
        row.type,
        row.schema_version,
        row.data,
        row.metadata,
        row.recorded_at,
      ],
    );
  }
});
