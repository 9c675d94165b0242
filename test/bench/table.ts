// The one table `npm run bench` ends with: what | measured | baseline | ratio | target | pass/fail.

export interface Row {
  what: string;
  measured: string;
  baseline: string;
  ratio: string;
  target: string;
  /** null: a figure shown for context, with no target of its own. */
  pass: boolean | null;
}

const HEAD: Row = {
  what: 'what',
  measured: 'measured',
  baseline: 'baseline',
  ratio: 'ratio',
  target: 'target',
  pass: null,
};
const COLUMNS = ['what', 'measured', 'baseline', 'ratio', 'target'] as const;

const verdict = (pass: boolean | null) => (pass === null ? '-' : pass ? 'PASS' : 'FAIL');

export const bytes = (n: number) => `${n.toLocaleString('en-US')} B`;
export const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
export const ms = (n: number) => `${n.toLocaleString('en-US', { maximumFractionDigits: 1 })} ms`;
export const times = (n: number) => `${n.toFixed(2)}x`;
export const count = (n: number) => n.toLocaleString('en-US');

export function renderTable(rows: Row[]): string {
  const cells = [HEAD, ...rows].map((row) => [
    ...COLUMNS.map((column) => row[column]),
    row === HEAD ? 'pass/fail' : verdict(row.pass),
  ]);
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  const line = (values: string[]) => `| ${values.map((value, i) => value.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n');
}

/** One closing line per missed target, so a miss cannot be overlooked under the table. */
export function verdictLines(rows: Row[]): string[] {
  const judged = rows.filter((row) => row.pass !== null);
  const missed = judged.filter((row) => row.pass === false);
  if (missed.length === 0) return [`All ${judged.length} targets met.`];
  return [
    `TARGETS MISSED: ${missed.length} of ${judged.length}`,
    ...missed.map(
      (row) =>
        `  FAIL  ${row.what}: measured ${row.measured}${row.ratio === '' ? '' : ` (ratio ${row.ratio})`}, target ${row.target}`,
    ),
  ];
}
