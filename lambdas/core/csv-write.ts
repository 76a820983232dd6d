// Writing CSV that spreadsheets open cleanly: every field quoted, CRLF, optional BOM, formulas neutralised.

const BOM = '\uFEFF';

/**
 * One field, quoted. A field that a spreadsheet would read as a formula (=, +, -, @, tab, CR first)
 * gets a leading apostrophe, so text from clients, notes or feeds can never run in an RM's Excel.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Rows as CSV text; with `bom`, UTF-8 Excel reads Chinese text correctly. */
export function toCsv(rows: readonly (readonly string[])[], options: { bom?: boolean } = {}): string {
  const body = rows.map((row) => row.map(csvField).join(',')).join('\r\n');
  return `${options.bom ? BOM : ''}${body}\r\n`;
}
