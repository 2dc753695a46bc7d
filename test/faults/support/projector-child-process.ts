import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const READY_TIMEOUT_MS = 60_000;

/** `apps/projector` as a child process on the given PostgreSQL, as it runs beside the api. */
export class ProjectorChildProcess {
  private output = '';

  private constructor(private readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(databaseUrl: string): Promise<ProjectorChildProcess> {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'apps/projector/src/main.ts',
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          EVENT_STORE_URL: databaseUrl,
          DATABASE_URL: databaseUrl,
          TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const projector = new ProjectorChildProcess(child);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!projector.output.includes('projector: running')) {
      if (!projector.running || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the projector did not start: ${projector.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return projector;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  recentOutput(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
