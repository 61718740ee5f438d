/**
 * Rows in COPY's text format (tab-separated, `\N` for NULL), collected per table and sent as one
 * COPY each. Text rather than the binary format of lib/parcels/pg-copy.ts: these rows carry
 * timestamps, enums and text arrays, which the text format takes as they print.
 */
export type CopyValue = string | number | boolean | null;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function field(value: CopyValue): string {
  if (value === null) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (char) => ESCAPES[char] ?? char) : value;
}

/** A bytea's hex input form (`add` escapes its backslash). Worth computing once per distinct value. */
export const byteaHex = (bytes: Uint8Array): string => `\\x${Buffer.from(bytes).toString("hex")}`;

/** A text[] of plain words (no commas, quotes or braces). */
export const wordsArray = (words: readonly string[]): string => `{${words.join(",")}}`;

/** A timestamp in COPY text, from milliseconds since 1970. */
export const at = (ms: number): string => new Date(ms).toISOString();

/** One table's pending rows, and the COPY statement they go with. */
export class CopyRows {
  private lines: string[] = [];
  readonly statement: string;

  /** `columns`: the column names in the order of each row's values, separated by spaces. */
  constructor(
    readonly table: string,
    columns: string,
  ) {
    this.statement = `copy ${table} (${columns.split(" ").join(", ")}) from stdin`;
  }

  add(values: readonly CopyValue[]): void {
    this.lines.push(values.map(field).join("\t") + "\n");
  }

  get count(): number {
    return this.lines.length;
  }

  /** The rows so far as COPY data; the collector starts empty again. */
  take(): Buffer {
    const data = Buffer.from(this.lines.join(""), "utf8");
    this.lines = [];
    return data;
  }
}
