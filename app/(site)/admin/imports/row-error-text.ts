import { CSV_PROBLEMS, type CsvProblem } from "@/lib/imports/parse-problem";

export type CsvProblemLabels = Record<"csvQuote" | "csvTooLong" | "csvUnreadable", string>;

const LABEL_OF: Record<CsvProblem, keyof CsvProblemLabels> = {
  quote: "csvQuote",
  too_long: "csvTooLong",
  unreadable: "csvUnreadable",
};

/**
 * A row error as the reader reads it: a file that is not CSV in the screen's language (lib
 * stores the English sentence, which the API returns), every other error as lib wrote it.
 */
export function rowErrorText(error: { row: number; field: string; message: string }, labels: CsvProblemLabels) {
  if (error.field !== "csv") return error.message;
  const problem = (Object.keys(CSV_PROBLEMS) as CsvProblem[]).find((key) => CSV_PROBLEMS[key] === error.message);
  return problem ? labels[LABEL_OF[problem]].replace("{row}", String(error.row)) : error.message;
}
