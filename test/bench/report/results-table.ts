import { BenchmarkResult, describeTarget } from '../benchmark';

const COLUMNS = ['benchmark', 'events', 'figure', 'baseline', 'ratio', 'target', 'result'] as const;

/** One row of cells per result, for the terminal and for Markdown alike. */
export function resultCells(result: BenchmarkResult): string[] {
  const verdict = result.verdict === 'not run' ? `not run: ${result.note ?? ''}` : result.verdict;
  return [
    result.name,
    result.events === null ? '' : result.events.toLocaleString('en'),
    result.figure === null ? '—' : `${formatNumber(result.figure)} ${result.unit}`,
    result.baseline === null
      ? '—'
      : `${formatNumber(result.baseline.figure)} ${result.unit} (${result.baseline.label})`,
    result.ratio === null ? '—' : `${result.ratio.toFixed(2)}×`,
    describeTarget(result.target, result.unit),
    result.verdict !== 'not run' && result.note ? `${verdict} (${result.note})` : verdict,
  ];
}

export function formatNumber(value: number): string {
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function textTable(results: readonly BenchmarkResult[]): string {
  const rows = [[...COLUMNS], ...results.map(resultCells)];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [
    line(rows[0]),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

export function markdownTable(results: readonly BenchmarkResult[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${COLUMNS.join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...results.map((result) => `| ${resultCells(result).map(escape).join(' | ')} |`),
  ].join('\n');
}
