/**
 * What makes a spreadsheet read a cell as a formula when it comes first: = + - @, a tab or a
 * carriage return (OWASP's list), and the full-width = + - @ (U+FF1D, U+FF0B, U+FF0D, U+FF20),
 * which Excel in East Asian locales reads as the ASCII ones, so `＝HYPERLINK(...)` runs there.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One CSV cell: always quoted, quotes doubled, and a leading formula character defused with an
 * apostrophe, so a user agent like `=HYPERLINK(...)` stays text in a spreadsheet. Client-safe:
 * the audit export and the import screen's error report both write their cells with it.
 */
export function csvCell(value: string | number): string {
  const text = String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}
