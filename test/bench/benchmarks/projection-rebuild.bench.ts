import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Benchmark, judged } from '../benchmark';
import { bareSequentialReadInFreshProcess } from '../measure/bare-read';
import { MB, RssSampler, residentBytes } from '../measure/rss-sampler';
import { compileOnce, spawnCompiledCli } from '../support/api-process';

/** The page size of the bare read: the rebuild's batches are at least as large. */
const BARE_PAGE = 5_000;

const REBUILD = {
  name: 'rebuild all projections',
  unit: 'events/s',
  target: { kind: 'ratio-at-least', min: 0.4 },
} as const;
/**
 * "Memory bounded" read as: a rebuild holds one batch at a time, so the process grows by
 * a bounded amount whatever the number of events (compare the figure at 100k and 1M).
 */
const REBUILD_MEMORY = {
  name: 'rebuild: RSS growth of the rebuilding process',
  unit: 'MB',
  target: { kind: 'at-most', max: 100 },
} as const;

/** `<projection>: 123,456 events, …`, the CLI's progress line (`formatRebuildProgress`). */
const PROGRESS = /^(\S+): ([\d,]+) events, /;
/** The line the CLI prints just before it starts reading the store. */
const STARTING = /^Rebuilding /;
/** `<projection>: caught up at position …`: its build starts taking over (`formatRebuildProgress`). */
const TAKING_OVER = /^(\S+): caught up at position /;

/**
 * Rebuilds every projection of the system from the first event (the reporting projection
 * and the audit's metric timeline, together in one pass over the store) as an operator
 * does: `npm run cli -- rebuild`, compiled, in a process of its own. The rate is the
 * events of the store over the time from the CLI's start of the rebuild to its exit,
 * against a bare ordered read of the same events; the memory is the growth of the CLI's
 * RSS over the rebuild. The bare read runs in a fresh process too, so neither pays for a
 * heap the other does not have.
 */
export const projectionRebuildBenchmark: Benchmark = {
  name: 'projection-rebuild',
  figures: [REBUILD, REBUILD_MEMORY],

  async run({ size, database, log }) {
    const bare = await bareSequentialReadInFreshProcess(database.url, BARE_PAGE);
    log(`bare read: ${bare.events} events at ${Math.round(bare.eventsPerSecond)}/s`);
    await compileOnce();
    const cli = spawnCompiledCli(['rebuild'], {
      ...process.env,
      EVENT_STORE_URL: database.url,
      DATABASE_URL: database.url,
    });
    const pid = cli.pid;
    if (pid === undefined) throw new Error('the rebuild CLI did not start');
    const sampler = new RssSampler(pid, 100);
    let startedAt: number | undefined;
    let rssAtStart = 0;
    const applied = new Map<string, number>();
    const caughtUpAt = new Map<string, number>();
    const lastLines: string[] = [];
    createInterface({ input: cli.stdout! }).on('line', (line) => {
      lastLines.push(line);
      if (lastLines.length > 20) lastLines.shift();
      if (startedAt === undefined && STARTING.test(line)) {
        startedAt = Date.now();
        rssAtStart = residentBytes(pid);
      }
      const progress = PROGRESS.exec(line);
      if (progress) applied.set(progress[1], Number(progress[2].replace(/,/g, '')));
      const takingOver = TAKING_OVER.exec(line);
      if (takingOver) caughtUpAt.set(takingOver[1], Date.now());
    });
    cli.stderr?.on('data', (chunk: Buffer) => lastLines.push(chunk.toString()));
    const [code] = (await once(cli, 'exit')) as [number | null];
    const finishedAt = Date.now();
    sampler.stop();
    if (code !== 0 || startedAt === undefined) {
      throw new Error(`the rebuild CLI exited with ${code}: ${lastLines.join('\n').slice(-800)}`);
    }
    const rates: string[] = [];
    for (const [projection, events] of applied) {
      if (events !== bare.events) {
        throw new Error(`the ${projection} rebuild applied ${events} events of ${bare.events}`);
      }
      rates.push(projection);
    }
    if (rates.length < 2) throw new Error(`the rebuild reported only ${rates.join(', ')}`);
    if (caughtUpAt.size < rates.length) throw new Error('the rebuild reported no takeover');
    const seconds = (finishedAt - startedAt) / 1000;
    // Where the time went: reading and appending until the last projection caught up, then
    // the takeovers (each build's completion, run side by side) until the CLI exits.
    const caughtUp = (Math.max(...caughtUpAt.values()) - startedAt) / 1000;
    const phases = `caught up after ${caughtUp.toFixed(1)} s, took over in ${(seconds - caughtUp).toFixed(1)} s more`;
    log(`rebuild: ${rates.join(' and ')} in ${seconds.toFixed(1)} s (${phases})`);
    return [
      judged(
        REBUILD,
        size,
        bare.events / seconds,
        { label: 'bare SELECT … ORDER BY position', figure: bare.eventsPerSecond },
        `${rates.join(' and ')}, one pass, CLI process; ${phases}`,
      ),
      judged(
        REBUILD_MEMORY,
        size,
        (sampler.peakBytes - rssAtStart) / MB,
        null,
        `peak ${Math.round(sampler.peakBytes / MB)} MB, ${Math.round(rssAtStart / MB)} MB at the start`,
      ),
    ];
  },
};
