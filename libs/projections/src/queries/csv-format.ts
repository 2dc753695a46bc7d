/** Excel reads UTF-8 (and so Japanese labels) only when the file starts with a BOM. */
const BOM = '\uFEFF';

/** RFC 4180 CSV with CRLF line ends and a BOM, from rows of plain values. */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
): string {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
