import { NewEvent } from '@ledger/event-store';
import { BenchDatabase } from './bench-database';

/** What a figure must reach to pass. */
export type Target =
  /** figure ÷ baseline must be at least `min` (throughput against a bare or peer rate). */
  | { kind: 'ratio-at-least'; min: number }
  /** baseline ÷ figure must be at least `min` (a duration against a slower way of answering). */
  | { kind: 'speedup-at-least'; min: number }
  | { kind: 'at-most'; max: number }
  | { kind: 'at-least'; min: number };

export type Verdict = 'pass' | 'falls short' | 'not run';

export interface BenchmarkResult {
  name: string;
  /** Events in the store while it was measured; null when the figure does not depend on it. */
  events: number | null;
  figure: number | null;
  unit: string;
  baseline: { label: string; figure: number } | null;
  ratio: number | null;
  target: Target;
  verdict: Verdict;
  /** Why it was not run, or what limits it. */
  note?: string;
}

/** A writer fed the whole dataset while it is seeded, batch by batch, timed against the others. */
export interface SeedWriter {
  label: string;
  write(batch: readonly NewEvent[], batchIndex: number): Promise<void>;
}

export interface SeedTiming {
  events: number;
  seconds: number;
}

export interface BenchContext {
  /** Events of the dataset (the plan's events come on top). */
  size: number;
  database: BenchDatabase;
  /** Seconds each seed writer spent writing the dataset, by label. */
  seedTimings: ReadonlyMap<string, SeedTiming>;
  log(message: string): void;
}

/**
 * One benchmark: a file under `benchmarks/`, registered in `benchmark-list.ts`. It may ask
 * to be fed the dataset as it is seeded (to compare writers on the same rows), then runs
 * against the seeded store.
 */
export interface Benchmark {
  readonly name: string;
  seedWriters?(context: Omit<BenchContext, 'seedTimings'>): Promise<SeedWriter[]>;
  run(context: BenchContext): Promise<BenchmarkResult[]>;
  /** Everything the results name, so a benchmark that fails still shows its targets. */
  readonly figures: readonly { name: string; unit: string; target: Target }[];
}

export function judged(
  figure: { name: string; unit: string; target: Target },
  events: number | null,
  value: number,
  baseline: { label: string; figure: number } | null,
  note?: string,
): BenchmarkResult {
  const { target } = figure;
  let ratio: number | null = null;
  if (baseline && baseline.figure > 0 && value > 0) {
    ratio = target.kind === 'speedup-at-least' ? baseline.figure / value : value / baseline.figure;
  }
  const passes = (() => {
    switch (target.kind) {
      case 'ratio-at-least':
      case 'speedup-at-least':
        return ratio !== null && ratio >= target.min;
      case 'at-most':
        return value <= target.max;
      case 'at-least':
        return value >= target.min;
      default: {
        const unreachable: never = target;
        return unreachable;
      }
    }
  })();
  return {
    name: figure.name,
    events,
    figure: value,
    unit: figure.unit,
    baseline,
    ratio,
    target,
    verdict: passes ? 'pass' : 'falls short',
    note,
  };
}

export function notRun(
  figure: { name: string; unit: string; target: Target },
  events: number | null,
  reason: string,
): BenchmarkResult {
  return {
    name: figure.name,
    events,
    figure: null,
    unit: figure.unit,
    baseline: null,
    ratio: null,
    target: figure.target,
    verdict: 'not run',
    note: reason,
  };
}

export function describeTarget(target: Target, unit: string): string {
  switch (target.kind) {
    case 'ratio-at-least':
      return `≥ ${target.min}× baseline`;
    case 'speedup-at-least':
      return `≥ ${target.min}× faster`;
    case 'at-most':
      return `≤ ${target.max.toLocaleString('en')} ${unit}`;
    case 'at-least':
      return `≥ ${target.min.toLocaleString('en')} ${unit}`;
    default: {
      const unreachable: never = target;
      return unreachable;
    }
  }
}
