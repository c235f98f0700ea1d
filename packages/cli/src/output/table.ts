/**
 * Formats rows as a plain-text table with a header and aligned columns; cells longer than
 * `maxWidth` are cut with an ellipsis. Returns the lines (no trailing newline).
 *
 * @example
 * ```ts
 * formatTable(['row', 'error'], [['3', 'name is required']]);
 * // ['row  error', '---  ----------------', '3    name is required']
 * ```
 */
export function formatTable(header: string[], rows: string[][], maxWidth = 60): string[] {
  const clip = (cell: string) => {
    const flat = cell.replace(/\s*\n\s*/g, ' ');
    return flat.length > maxWidth ? `${flat.slice(0, maxWidth - 1)}…` : flat;
  };
  const cells = [header, ...rows].map((row) => row.map(clip));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const [head, ...body] = cells;
  return [line(head ?? []), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}
