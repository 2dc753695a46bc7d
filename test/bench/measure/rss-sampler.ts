import { readFileSync } from 'node:fs';

/** Resident set size of a process in bytes, from /proc (Linux). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** Samples a process's RSS at a fixed interval until stopped. */
export class RssSampler {
  readonly samples: { atMs: number; bytes: number }[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly started = Date.now();

  constructor(
    private readonly pid: number,
    intervalMs: number,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  get peakBytes(): number {
    return Math.max(...this.samples.map((sample) => sample.bytes));
  }

  /** Mean RSS over the samples whose time falls in [fromMs, toMs) since the start. */
  meanBetween(fromMs: number, toMs: number): number {
    const window = this.samples.filter((sample) => sample.atMs >= fromMs && sample.atMs < toMs);
    return window.reduce((total, sample) => total + sample.bytes, 0) / Math.max(window.length, 1);
  }

  private sample(): void {
    try {
      this.samples.push({ atMs: Date.now() - this.started, bytes: residentBytes(this.pid) });
    } catch {
      // The process has exited; the samples so far stand.
    }
  }
}

export const MB = 1024 * 1024;
