import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './api-child-process';

const run = promisify(execFile);
const BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL 15 instance of the test's own, in a temporary directory on a free port, so
 * a fault test can stop and start it without touching the cluster other suites share.
 * Trust authentication on 127.0.0.1 only.
 */
export class ThrowawayPostgres {
  private constructor(
    private readonly dir: string,
    readonly port: number,
    private readonly asUser: string | undefined,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Whether the binaries are there; the caller decides to skip or fail (CI fails). */
  static available(): boolean {
    return existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl'));
  }

  static async create(): Promise<ThrowawayPostgres> {
    const dir = await mkdtemp(join(tmpdir(), 'ledger-pg-'));
    // initdb refuses to run as root: run the server as the postgres user then.
    const asUser = process.getuid?.() === 0 ? 'postgres' : undefined;
    if (asUser) {
      const { stdout } = await run('id', ['-u', asUser]);
      const { stdout: gid } = await run('id', ['-g', asUser]);
      await chown(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    const instance = new ThrowawayPostgres(dir, await freePort(), asUser);
    await instance.pg('initdb', [
      '-D',
      instance.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    await instance.start();
    return instance;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  async start(): Promise<void> {
    await this.pg('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'server.log'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-w',
      '-t',
      '30',
      'start',
    ]);
  }

  /** Fast shutdown: open sessions are terminated (57P01), as when an operator stops the server. */
  async stop(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']).catch(
      () => undefined,
    );
    await rm(this.dir, { recursive: true, force: true });
  }

  private async pg(program: string, args: string[]): Promise<void> {
    const binary = join(BIN, program);
    const [file, argv] = this.asUser
      ? ['runuser', ['-u', this.asUser, '--', binary, ...args]]
      : [binary, args];
    await run(file, argv, { timeout: 60_000 });
  }
}
