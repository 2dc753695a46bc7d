import { ACCESS_ENTITIES, AccessService } from '@ledger/access';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { send } from './loopback-http';

const ROOT = join(__dirname, '..', '..', '..');
/** `npm start` runs main.ts through ts-node; so do we, without npm between, so the pid is the api's. */
const TS_NODE = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
const READY_TIMEOUT_MS = 60_000;

/**
 * The api as `npm start` runs it, in PostgreSQL mode without demo data, as a child process
 * the fault tests can kill with SIGKILL and start again on the same port.
 */
export class ApiChildProcess {
  private child: ChildProcess | undefined;
  /** The last lines it printed, for the message of a failed start. */
  private readonly output: string[] = [];

  private constructor(
    readonly port: number,
    private readonly databaseUrl: string,
  ) {}

  static async start(databaseUrl: string): Promise<ApiChildProcess> {
    const api = new ApiChildProcess(await freePort(), databaseUrl);
    await api.restart();
    return api;
  }

  /** Whatever the api printed most recently (stdout and stderr interleaved). */
  recentOutput(): string {
    return this.output.join('').slice(-4000);
  }

  /** Starts the process (again) and waits until /health answers 200. */
  async restart(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null)
      throw new Error('the api is still running');
    const child = spawn(process.execPath, [...TS_NODE, 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        EVENT_STORE_URL: this.databaseUrl,
        DATABASE_URL: this.databaseUrl,
        DEMO_DATA: 'off',
        // The projections run inside the api, so their catching up is the api's own recovery.
        PROJECTOR: 'in-process',
        PORT: String(this.port),
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await this.waitUntilHealthy(child);
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** SIGKILL: no shutdown hook runs, no connection is closed cleanly. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** A key made directly in the api's database, as `npm run cli -- keys create` does. */
  async createKey(role: string, bodyId?: string): Promise<string> {
    const dataSource = new DataSource({
      type: 'postgres',
      url: this.databaseUrl,
      entities: ACCESS_ENTITIES,
      synchronize: false,
    });
    await dataSource.initialize();
    try {
      return (await new AccessService(dataSource).createKey({ role, bodyId })).key;
    } finally {
      await dataSource.destroy();
    }
  }

  private async waitUntilHealthy(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(
          `the api exited (${child.exitCode ?? child.signalCode}): ${this.recentOutput()}`,
        );
      const answer = await send(this.port, 'GET', '/health').catch(() => undefined);
      if (answer?.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    throw new Error(
      `the api was not healthy after ${READY_TIMEOUT_MS / 1000} s: ${this.recentOutput()}`,
    );
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}
