/**
 * Why a file is not CSV, in sentences that never quote it: csv-parse's own messages carry the
 * cell they stopped at (`value is "=HYPERLINK("`), which is personal data and, in a log or an
 * error report opened in a spreadsheet, someone else's formula. Client-safe: the import screen
 * turns each sentence back into its reason to show it in the reader's language.
 */
export const CSV_PROBLEMS = {
  quote: "this row is not valid CSV: a quote is misplaced or never closed",
  too_long: "this row is longer than 64 KB",
  unreadable: "this row is not valid CSV",
} as const;
export type CsvProblem = keyof typeof CSV_PROBLEMS;
