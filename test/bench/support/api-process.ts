import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
/**
 * The api and the CLI run compiled (`tsc -p tsconfig.build.json`, here into bench-results),
 * without npm in between, so the pid is the api's own: ts-node would add ~90 MB to the
 * api's RSS and compile on the fly while it is being measured. The path aliases resolve
 * through tsconfig-paths against the compiled tree.
 */
const DIST = join(ROOT, 'bench-results', 'dist');
const COMPILED = ['-r', 'tsconfig-paths/register'];
const COMPILED_ENV = { TS_NODE_BASEURL: DIST };
const READY_TIMEOUT_MS = 180_000;
/** The body the benchmark's recorder key acts for; every event it sends is that body's. */
export const RECORDER_BODY = 'peer-support-center';

export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * The api as a child process in PostgreSQL mode (DEMO_DATA=off) on the bench database,
 * listening on 127.0.0.1 only, with a recorder key made by the admin CLI.
 */
export class ApiProcess {
  /**
   * `timeout` only makes Node honour the server's `Keep-Alive: timeout=5` hint: an idle
   * socket is then closed a second before the server closes it. Without it a socket left
   * idle after a burst could be reused just as the server closed it, and the request
   * failed the run with ECONNRESET or "socket hang up".
   */
  readonly agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 60_000 });

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly recorderKey: string,
  ) {}

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the api process has no pid');
    return this.child.pid;
  }

  static async start(databaseUrl: string): Promise<ApiProcess> {
    await compileOnce();
    const port = await freePort();
    const env = {
      ...process.env,
      ...COMPILED_ENV,
      EVENT_STORE_URL: databaseUrl,
      DATABASE_URL: databaseUrl,
      DEMO_DATA: 'off',
      // As deployed on PostgreSQL (docker-compose): projections run in their own process,
      // so the api's figures are those of recording alone.
      PROJECTOR: 'external',
      PORT: String(port),
    };
    const output: string[] = [];
    // BENCH_API_NODE_ARGS: extra node flags for the api alone, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
    const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
    const entry = join(DIST, 'apps', 'api', 'src', 'main.js');
    const child = spawn(process.execPath, [...nodeArgs, ...COMPILED, entry], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The whole output goes to bench-results/api.log, for the errors behind a failed run.
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    const logFile = createWriteStream(join(ROOT, 'bench-results', 'api.log'), { flags: 'a' });
    logFile.write(`--- api started ${new Date().toISOString()} on port ${port}\n`);
    child.once('exit', () => logFile.end());
    const keep = (chunk: Buffer) => {
      logFile.write(chunk);
      output.push(chunk.toString());
      if (output.length > 200) output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    try {
      await waitUntilHealthy(child, port, output);
      const key = await createRecorderKey(env);
      return new ApiProcess(child, port, key);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  }

  /** POST with the recorder key over the keep-alive agent. */
  post(path: string, body: unknown): Promise<HttpAnswer> {
    return send(this.port, this.agent, 'POST', path, JSON.stringify(body), this.recorderKey);
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

function send(
  port: number,
  agent: Agent | undefined,
  method: string,
  path: string,
  body?: string,
  key?: string,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    if (key) headers.authorization = `Bearer ${key}`;
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function waitUntilHealthy(
  child: ChildProcess,
  port: number,
  output: string[],
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the api exited with ${child.exitCode}: ${output.join('').slice(-800)}`);
    }
    const answer = await send(port, undefined, 'GET', '/health').catch(() => undefined);
    if (answer?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `the api was not healthy after ${READY_TIMEOUT_MS / 1000} s: ${output.join('').slice(-800)}`,
  );
}

/** `npm run cli -- keys create --role recorder --body …` prints the key on its last line. */
async function createRecorderKey(env: NodeJS.ProcessEnv): Promise<string> {
  const cli = spawnCompiledCli(
    ['keys', 'create', '--role', 'recorder', '--body', RECORDER_BODY],
    env,
  );
  let stdout = '';
  let stderr = '';
  cli.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  cli.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(cli, 'exit')) as [number | null];
  const lines = stdout.trim().split('\n');
  if (code !== 0) throw new Error(`keys create exited with ${code}: ${stderr.slice(-500)}`);
  return lines[lines.length - 1].trim();
}

/** The admin CLI, compiled, as `npm run cli -- <args>` runs it; `compileOnce` first. */
export function spawnCompiledCli(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(
    process.execPath,
    [...COMPILED, join(DIST, 'apps', 'cli', 'src', 'main.js'), ...args],
    { cwd: ROOT, env: { ...env, ...COMPILED_ENV }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

let compiled: Promise<void> | undefined;

/** Compiles the tree once per bench run (about 20 s), so every api started measures the same code. */
export function compileOnce(): Promise<void> {
  compiled ??= (async () => {
    const tsc = spawn(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', DIST],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    tsc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    tsc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(tsc, 'exit')) as [number | null];
    if (!existsSync(join(DIST, 'apps', 'api', 'src', 'main.js'))) {
      throw new Error(`tsc -p tsconfig.build.json exited with ${code}: ${output.slice(-1500)}`);
    }
    // tsc emits despite type errors; the run goes on, but says so.
    if (code !== 0)
      console.error(`tsc reported errors (the api was compiled anyway):\n${output.slice(-1500)}`);
  })();
  return compiled;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}
