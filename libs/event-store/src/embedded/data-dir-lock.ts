import {
  closeSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** What the lock file says about the process that has the data directory open. */
export interface LockOwner {
  pid: number;
  host: string;
  /** The owner's socket server on `LOOPBACK`, once it is listening. */
  port: number | null;
  startedAt: string;
}

export type LockOutcome = { kind: 'acquired'; lock: DataDirLock } | { kind: 'held'; port: number };

/** The owner's socket server listens on loopback only: the database is not on the network. */
export const LOOPBACK = '127.0.0.1';

/** How long the owner may take from creating the lock to serving on its port. */
const STARTUP_GRACE_MS = 60_000;
/** A takeover is two file operations; one older than this was abandoned by a crash. */
const TAKEOVER_GRACE_MS = 10_000;
const RETRY_MS = 100;

/**
 * PGlite lets one process open a data directory. The first process to create
 * `server.lock` (with O_EXCL) owns it and serves the database on a local port, which it
 * records in the lock; every other process connects there. A lock whose process is dead
 * (SIGKILL, power loss) is taken over, under a second lock so two processes never both
 * take over the same stale lock.
 */
export class DataDirLock {
  private constructor(
    private readonly path: string,
    private readonly owner: LockOwner,
  ) {}

  static async acquireOrFindOwner(dataDir: string, timeoutMs = 30_000): Promise<LockOutcome> {
    const path = join(dataDir, 'server.lock');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mine: LockOwner = {
        pid: process.pid,
        host: hostname(),
        port: null,
        startedAt: new Date().toISOString(),
      };
      if (createExclusive(path, JSON.stringify(mine))) {
        return { kind: 'acquired', lock: new DataDirLock(path, mine) };
      }
      const found = readOwner(path);
      if (found === 'missing') continue;
      if (found !== 'unreadable' && found.host !== hostname()) {
        throw new Error(
          `${dataDir} is in use by ${describeOwner(found)}; the embedded database serves only its own machine`,
        );
      }
      if (found !== 'unreadable' && !isAlive(found.pid)) {
        takeOver(path, found);
        continue;
      }
      if (found !== 'unreadable' && found.port !== null && (await answers(LOOPBACK, found.port))) {
        return { kind: 'held', port: found.port };
      }
      // Alive but not serving: starting, stopping, or its pid now belongs to another program.
      if (ageMs(path) > STARTUP_GRACE_MS) {
        takeOver(path, found);
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${dataDir} is in use by ${describeOwner(found)}, which does not answer; ` +
            `stop it, or delete ${path} if that process is gone`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  /** Tells other processes where to connect: rewritten by rename, so never read half-written. */
  publish(port: number): void {
    this.owner.port = port;
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.owner));
    renameSync(temporary, this.path);
  }

  /** Synchronous so that it can run in a process 'exit' handler. */
  release(): void {
    const found = readOwner(this.path);
    if (found !== 'missing' && found !== 'unreadable' && sameOwner(found, this.owner)) {
      unlinkQuietly(this.path);
    }
  }
}

function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeFileSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(path: string): LockOwner | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
      return {
        pid: parsed.pid,
        host: parsed.host,
        port: typeof parsed.port === 'number' ? parsed.port : null,
        startedAt: String(parsed.startedAt),
      };
    }
  } catch {
    // Between the owner's create and its first write the file is empty.
  }
  return 'unreadable';
}

/** Removes the lock only if it still names the stale owner we inspected. */
function takeOver(path: string, stale: LockOwner | 'unreadable'): void {
  const guard = `${path}.takeover`;
  if (!createExclusive(guard, String(process.pid))) {
    if (ageMs(guard) > TAKEOVER_GRACE_MS) unlinkQuietly(guard);
    return;
  }
  try {
    const current = readOwner(path);
    const unchanged =
      current === 'unreadable'
        ? stale === 'unreadable'
        : current !== 'missing' && stale !== 'unreadable' && sameOwner(current, stale);
    if (unchanged) unlinkQuietly(path);
  } finally {
    unlinkQuietly(guard);
  }
}

function sameOwner(a: LockOwner, b: LockOwner): boolean {
  return a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function describeOwner(owner: LockOwner | 'unreadable'): string {
  return owner === 'unreadable'
    ? 'a process that is still writing its lock'
    : `pid ${owner.pid} on ${owner.host} (port ${owner.port ?? 'not yet published'})`;
}
