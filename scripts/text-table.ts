// Plain-text tables for the benchmarks' output: the first column (and any named) left-aligned, the rest right-aligned.

/** Rows of cells as aligned lines; columns in `leftAligned` are padded on the right, the others on the left. */
export function formatTable(rows: readonly (readonly string[])[], leftAligned: readonly number[] = [0], gap = '   '): string {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(0, ...rows.map((row) => (row[c] ?? '').length)));
  return rows
    .map((row) =>
      widths
        .map((width, c) => (leftAligned.includes(c) ? (row[c] ?? '').padEnd(width) : (row[c] ?? '').padStart(width)))
        .join(gap)
        .trimEnd(),
    )
    .join('\n');
}
