// Plain aligned columns for terminal output. A table library would add borders and colours
// the status output does not need, and a dependency for 20 lines.

export function renderTable(headers: string[], rows: string[][]): string {
  const widths = columnWidths(headers, rows);
  return [formatRow(headers, widths), ...rows.map((r) => formatRow(r, widths))].join('\n');
}

/** The width of each column: its widest cell. */
export function columnWidths(headers: string[], rows: string[][]): number[] {
  return headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
}

/**
 * One line of a table whose widths were fixed earlier (rows printed as they come, as
 * `get --watch` does, line up with the header printed first); a longer cell widens its
 * column from then on.
 */
export function formatRow(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => {
      if (i === cells.length - 1) return c;
      if (c.length > (widths[i] ?? 0)) widths[i] = c.length;
      return c.padEnd(widths[i]);
    })
    .join('  ')
    .trimEnd();
}
