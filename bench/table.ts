/** One row of the bench table. */
export interface BenchRow {
  readonly area: string;
  readonly measure: string;
  readonly value: string;
  readonly target: string;
  readonly note?: string;
}

export function printTable(rows: readonly BenchRow[]): string {
  const headers = ['area', 'measure', 'value', 'target', 'note'];
  const cells = rows.map((r) => [r.area, r.measure, r.value, r.target, r.note ?? '']);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (values: readonly string[]) =>
    `| ${values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join(
    '\n',
  );
}
