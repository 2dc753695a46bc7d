import { mkdir } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataDirLock, LOOPBACK } from './data-dir-lock';
import type { PGliteWorkerData, WorkerReport } from './pglite-server.worker';

/**
 * The socket server multiplexes its connections onto PGlite's one session; each pool of
 * the api, the projector and a CLI run in another process takes up to its `max` of them.
 */
const MAX_CONNECTIONS = 100;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Starts the worker's entry, compiled (`.js` after a build) or, when this module runs
 * from TypeScript source (ts-node, Jest), through ts-node: a worker thread does not
 * inherit the parent's loader hooks.
 */
const WORKER_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.entry.endsWith('.ts')) require(workerData.tsNode).register({ transpileOnly: true });
require(workerData.entry);
`;

/**
 * PostgreSQL without a server: PGlite on `dataDir`, served on a local port so that all
 * code reaches it through plain `pg`, exactly as it reaches a real server.
 *
 * PGlite runs in a worker thread of this process. Its queries are synchronous WebAssembly
 * that would otherwise stall this thread's event loop (HTTP, projections) for as long as
 * each query runs; in the worker it uses the second core. It also keeps PGlite's native
 * `import()` calls out of sandboxes such as Jest's, which cannot run them. The worker
 * serves it with `PGliteSessionServer` (see there why not pglite-socket's server).
 *
 * Only one process may open the directory (see `DataDirLock`). `open` either becomes
 * that owner, or, when a live owner exists (the service is running and an admin CLI
 * starts), returns the owner's connection string instead: both then share one database.
 * Clients lose their connections when the owner stops.
 */
export class EmbeddedPostgres {
  private closing: Promise<void> | undefined;

  private constructor(
    readonly connectionString: string,
    /** True when this process opened the data directory and serves it. */
    readonly owner: boolean,
    private readonly shutdown: () => Promise<void>,
  ) {}

  static async open(dataDir: string): Promise<EmbeddedPostgres> {
    const directory = resolve(dataDir);
    await mkdir(directory, { recursive: true });
    const outcome = await DataDirLock.acquireOrFindOwner(directory);
    if (outcome.kind === 'held') {
      return new EmbeddedPostgres(connectionString(outcome.port), false, async () => undefined);
    }

    const { lock } = outcome;
    const releaseOnExit = () => lock.release();
    process.once('exit', releaseOnExit);
    const entry = join(__dirname, `pglite-server.worker${extname(__filename)}`);
    const data: PGliteWorkerData = {
      dataDir: join(directory, 'pglite'),
      host: LOOPBACK,
      maxConnections: MAX_CONNECTIONS,
    };
    const worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: {
        ...data,
        entry,
        tsNode: entry.endsWith('.ts') ? require.resolve('ts-node') : '',
      },
    });
    try {
      const port = await listeningPort(worker);
      lock.publish(port);
      return new EmbeddedPostgres(connectionString(port), true, async () => {
        await stop(worker);
        lock.release();
        process.off('exit', releaseOnExit);
      });
    } catch (error) {
      await worker.terminate();
      lock.release();
      process.off('exit', releaseOnExit);
      throw error;
    }
  }

  /** The owner stops serving and closes the directory; a client has nothing to release. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }
}

function listeningPort(worker: Worker): Promise<number> {
  return new Promise((resolvePort, reject) => {
    worker.once('message', (message: WorkerReport) => {
      if (message.kind === 'listening') resolvePort(message.port);
      else reject(new Error(`Embedded PostgreSQL failed to start: ${JSON.stringify(message)}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`Embedded PostgreSQL exited with code ${code}`)),
    );
  });
}

/** Lets PGlite close cleanly (it flushes to disk); terminates the thread if it hangs. */
async function stop(worker: Worker): Promise<void> {
  const stopped = new Promise<void>((resolveStopped) => {
    worker.once('message', () => resolveStopped());
    worker.once('exit', () => resolveStopped());
  });
  worker.postMessage('stop');
  const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
  await stopped;
  clearTimeout(timer);
  await worker.terminate();
}

function connectionString(port: number): string {
  return `postgres://postgres:postgres@${LOOPBACK}:${port}/postgres`;
}
