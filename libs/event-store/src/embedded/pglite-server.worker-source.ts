/**
 * The code of the worker thread that hosts PGlite and its socket server (see
 * `EmbeddedPostgres`). It is plain JavaScript run with `eval: true`, so it needs no
 * TypeScript loader and no build step, and the packages are passed in as resolved paths.
 *
 * Messages to the parent: { kind: 'listening', port } | { kind: 'failed', message } |
 * { kind: 'stopped' }. Any message from the parent means "stop".
 */
export const PGLITE_SERVER_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglitePath);
const { PGLiteSocketServer } = require(workerData.socketServerPath);

(async () => {
  const db = await PGlite.create(workerData.dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: workerData.host,
    port: 0,
    maxConnections: workerData.maxConnections,
  });
  await server.start();
  parentPort.once('message', async () => {
    await server.stop();
    await db.close();
    parentPort.postMessage({ kind: 'stopped' });
  });
  parentPort.postMessage({ kind: 'listening', port: Number(server.getServerConn().split(':').pop()) });
})().catch((error) => {
  parentPort.postMessage({ kind: 'failed', message: String((error && error.stack) || error) });
});
`;
