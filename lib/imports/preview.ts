import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { readHeader, readRow, type RowError } from "./columns";
import { EncodingSniffer, type ImportEncoding } from "./encoding";

const PREVIEW_ROWS = 20;
export type PreviewRow = { row: number; cells: string[]; errors: RowError[] };
export type Preview = { encoding: ImportEncoding; header: string[]; rows: PreviewRow[]; headerErrors: RowError[] };

/**
 * The first rows of a file, checked by the same rules as the import (columns.ts), from the
 * file's first bytes only: the line cut off at the end of the sample is dropped.
 */
export function previewCsv(sample: Buffer, encoding?: ImportEncoding): Preview {
  const sniffer = new EncodingSniffer();
  sniffer.write(sample);
  const chosen = encoding ?? sniffer.end();
  const text = iconv.decode(sample, chosen, { stripBOM: true });
  const complete = text.includes("\n") ? text.slice(0, text.lastIndexOf("\n") + 1) : text;
  const records = parse(complete, {
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    to: PREVIEW_ROWS + 1,
  }) as string[][];
  const [header = [], ...body] = records;
  const read = readHeader(header);
  if (!read.ok) return { encoding: chosen, header, rows: [], headerErrors: read.errors };
  const rows = body.map((cells, index) => {
    const result = readRow(read.map, cells, index + 1);
    return { row: index + 1, cells, errors: result.ok ? [] : result.errors };
  });
  return { encoding: chosen, header, rows, headerErrors: [] };
}
