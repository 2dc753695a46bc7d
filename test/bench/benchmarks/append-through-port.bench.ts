import { Benchmark, SeedWriter, judged } from '../benchmark';
import { PORT_WRITER } from '../dataset/seed-dataset';

const BARE_INSERT = 'bare multi-row INSERT';

const APPEND = {
  name: 'append through the port, batches of 500',
  unit: 'events/s',
  target: { kind: 'ratio-at-least', min: 0.6 },
} as const;

/**
 * Our store's append against the cheapest way PostgreSQL can take the same rows: one
 * multi-row INSERT per batch into a plain copy of the events table (same columns,
 * constraints and indexes), without the advisory lock, the retry check or positions.
 */
export const appendThroughPortBenchmark: Benchmark = {
  name: 'append',
  figures: [APPEND],

  async seedWriters({ database }): Promise<SeedWriter[]> {
    await database.pool.query(
      `CREATE TABLE public.bare_events
         (LIKE event_store.events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
    );
    let position = 0;
    return [
      {
        label: BARE_INSERT,
        write: async (batch) => {
          const values: unknown[] = [];
          const tuples = batch.map((event, i) => {
            position += 1;
            values.push(
              position,
              event.id,
              `recording-${batch[0].id}`,
              i,
              event.type,
              event.schemaVersion,
              JSON.stringify(event.data),
              JSON.stringify(event.metadata),
            );
            const p = i * 8;
            return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8})`;
          });
          await database.pool.query(
            `INSERT INTO public.bare_events
               (position, event_id, stream_id, revision, type, schema_version, data, metadata)
             VALUES ${tuples.join(', ')}`,
            values,
          );
        },
      },
    ];
  },

  async run({ size, seedTimings }) {
    const ours = seedTimings.get(PORT_WRITER);
    const bare = seedTimings.get(BARE_INSERT);
    if (!ours || !bare) throw new Error('the append benchmark was not fed the dataset');
    return [
      judged(APPEND, size, ours.events / ours.seconds, {
        label: BARE_INSERT,
        figure: bare.events / bare.seconds,
      }),
    ];
  },
};
