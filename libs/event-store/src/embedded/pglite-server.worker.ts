/**
 * Entry of the worker thread that owns the data directory: opens PGlite and serves it.
 * Messages to the parent: `WorkerReport`. Any message from the parent means "stop".
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGliteSessionServer } from './pglite-session-server';

export interface PGliteWorkerData {
  dataDir: string;
  host: string;
  maxConnections: number;
}

export type WorkerReport =
  { kind: 'listening'; port: number } | { kind: 'failed'; message: string } | { kind: 'stopped' };

async function serve(): Promise<void> {
  const parent = parentPort;
  if (parent === null) throw new Error('pglite-server.worker must run as a worker thread');
  const report = (message: WorkerReport) => parent.postMessage(message);
  try {
    const { dataDir, host, maxConnections } = workerData as PGliteWorkerData;
    const db = await PGlite.create(dataDir);
    const server = new PGliteSessionServer(db, maxConnections);
    const port = await server.listen(host);
    parent.once('message', async () => {
      await server.stop();
      await db.close();
      report({ kind: 'stopped' });
    });
    report({ kind: 'listening', port });
  } catch (error) {
    report({
      kind: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
}

void serve();
