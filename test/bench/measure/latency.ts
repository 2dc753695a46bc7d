/** The value below which `share` (0..1) of the samples fall, nearest-rank. */
export function percentile(samples: readonly number[], share: number): number {
  if (samples.length === 0) throw new RangeError('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(share * sorted.length));
  return sorted[rank - 1];
}

/** Milliseconds `work` took, measured with the monotonic clock. */
export async function timedMs(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Runs `work` `count` times one after another (after `warmup` unmeasured runs); the durations in ms. */
export async function sampleLatencies(
  count: number,
  warmup: number,
  work: (index: number) => Promise<unknown>,
): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await work(i);
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) samples.push(await timedMs(() => work(i)));
  return samples;
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
