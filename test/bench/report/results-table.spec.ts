import { judged, notRun } from '../benchmark';
import { markdownTable, textTable } from './results-table';

describe('benchmark results table', () => {
  const append = {
    name: 'append',
    unit: 'events/s',
    target: { kind: 'ratio-at-least', min: 0.6 },
  } as const;
  const p99 = { name: 'p99', unit: 'ms', target: { kind: 'at-most', max: 50 } } as const;
  const results = [
    judged(append, 100_000, 30_000, { label: 'bare INSERT', figure: 40_000 }),
    judged(p99, null, 61.234, null),
    notRun(
      { name: 'verify', unit: 'events/s', target: { kind: 'ratio-at-least', min: 0.3 } },
      100_000,
      'no audit code yet',
    ),
  ];

  it('judges ratios and limits', () => {
    expect(results.map((r) => [r.verdict, r.ratio])).toEqual([
      ['pass', 0.75],
      ['falls short', null],
      ['not run', null],
    ]);
  });

  it('prints aligned columns', () => {
    expect(textTable(results).split('\n')).toEqual([
      'benchmark  events   figure           baseline                       ratio  target           result',
      '---------  -------  ---------------  -----------------------------  -----  ---------------  --------------------------',
      'append     100,000  30,000 events/s  40,000 events/s (bare INSERT)  0.75×  ≥ 0.6× baseline  pass',
      'p99                 61.2 ms          —                              —      ≤ 50 ms          falls short',
      'verify     100,000  —                —                              —      ≥ 0.3× baseline  not run: no audit code yet',
    ]);
  });

  it('writes the same rows as Markdown', () => {
    expect(markdownTable(results.slice(0, 1))).toBe(
      [
        '| benchmark | events | figure | baseline | ratio | target | result |',
        '|---|---|---|---|---|---|---|',
        '| append | 100,000 | 30,000 events/s | 40,000 events/s (bare INSERT) | 0.75× | ≥ 0.6× baseline | pass |',
      ].join('\n'),
    );
  });
});
