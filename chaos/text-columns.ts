// Aligned plain-text columns. A dozen lines by hand beat a table dependency: the report is read
// in terminals, CI logs and a README, where box-drawing characters and colour codes get in the way.

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align: Align;
  /** Header of a group spanning this column and the following ones with the same group. */
  group?: string;
}

const GAP = '  ';

export function formatColumns(columns: Column[], rows: string[][]): string[] {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (columns[i].align === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join(GAP)
      .trimEnd();

  const out: string[] = [];
  if (columns.some((c) => c.group)) out.push(groupLine(columns, widths));
  out.push(line(columns.map((c) => c.header)));
  for (const r of rows) out.push(line(columns.map((_, i) => r[i] ?? '')));
  return out;
}

/** Each group's title centred over the columns it spans. */
function groupLine(columns: Column[], widths: number[]): string {
  let text = '';
  let i = 0;
  while (i < columns.length) {
    const group = columns[i].group;
    let j = i;
    while (j + 1 < columns.length && group && columns[j + 1].group === group) j++;
    const span = widths.slice(i, j + 1).reduce((a, b) => a + b, 0) + GAP.length * (j - i);
    const title = group ?? '';
    const left = Math.max(0, Math.floor((span - title.length) / 2));
    text += (' '.repeat(left) + title).padEnd(span) + (j + 1 < columns.length ? GAP : '');
    i = j + 1;
  }
  return text.trimEnd();
}
