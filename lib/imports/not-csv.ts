import { CsvError, type CsvErrorCode } from "csv-parse";
import type { CsvProblem } from "./parse-problem";

const QUOTE_CODES: ReadonlySet<CsvErrorCode> = new Set([
  "INVALID_OPENING_QUOTE",
  "CSV_QUOTE_NOT_CLOSED",
  "CSV_INVALID_CLOSING_QUOTE",
  "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE",
]);

/**
 * A stored file that stops parsing as CSV: what it carries is the row (numbered as the import
 * numbers rows: the header is 0, data from 1), the line and csv-parse's code, never its message,
 * which quotes the cell it stopped at.
 */
export class NotCsv extends Error {
  readonly problem: CsvProblem;
  readonly row: number;
  readonly line: number;
  readonly csvCode: CsvErrorCode;

  constructor(error: CsvError) {
    super(`not CSV: ${error.code}`);
    this.name = "NotCsv";
    this.csvCode = error.code;
    // csv-parse counts the records before the one it stopped in, the header included.
    this.row = typeof error.records === "number" ? error.records : 0;
    this.line = typeof error.lines === "number" ? error.lines : 0;
    this.problem = QUOTE_CODES.has(error.code)
      ? "quote"
      : error.code === "CSV_MAX_RECORD_SIZE"
        ? "too_long"
        : "unreadable";
  }
}

/** The records of `source`, with a parse failure turned into NotCsv. */
export async function* csvRecords(source: AsyncIterable<string[]>): AsyncIterable<string[]> {
  try {
    for await (const record of source) yield record;
  } catch (error) {
    throw error instanceof CsvError ? new NotCsv(error) : error;
  }
}
