import { Pool } from 'pg';
import { bareSequentialRead } from './bare-read';

/** `bareSequentialReadInFreshProcess`'s child: reads, prints the result as JSON, exits. */
async function main(): Promise<void> {
  const [url, pageSize] = process.argv.slice(2);
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    process.stdout.write(JSON.stringify(await bareSequentialRead(pool, Number(pageSize))));
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
