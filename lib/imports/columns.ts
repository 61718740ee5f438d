import type { ParcelInput } from "@/lib/parcels/new-parcel";
import { parcelInputFastPath, parcelInputSchema } from "@/lib/parcels/parcel-input";

/** The import's CSV columns (docs/console.md), English or Korean header, in either case and with spaces trimmed. */
const HEADERS: Record<string, Column> = {
  name: "name",
  이름: "name",
  phone: "phone",
  전화번호: "phone",
  address: "address",
  주소: "address",
  addressdetail: "addressDetail",
  상세주소: "addressDetail",
  postalcode: "postalCode",
  우편번호: "postalCode",
  memo: "memo",
  메모: "memo",
  itemname: "itemName",
  품목: "itemName",
  reference: "reference",
  참조: "reference",
};
const RECIPIENT = ["name", "phone", "address", "addressDetail", "postalCode", "memo"] as const;
type Column = (typeof RECIPIENT)[number] | "itemName" | "reference";
const REQUIRED: readonly Column[] = ["name", "phone", "address"];

export type RowError = { row: number; field: string; message: string };
/** Column index → field; null for a column we do not read. */
export type HeaderMap = (Column | null)[];

/** The header row's meaning, or the errors that make the file unreadable (row 0: the header). */
export function readHeader(cells: string[]): { ok: true; map: HeaderMap } | { ok: false; errors: RowError[] } {
  const map = cells.map((cell) => HEADERS[cell.trim().replace(/\s+/g, "").toLowerCase()] ?? null);
  const missing = REQUIRED.filter((column) => !map.includes(column));
  if (missing.length === 0) return { ok: true, map };
  return {
    ok: false,
    errors: missing.map((field) => ({ row: 0, field, message: "the header has no column for this field" })),
  };
}

/** One data row (numbered from 1 after the header) → a parcel, or its errors per field. */
export function readRow(
  map: HeaderMap,
  cells: string[],
  row: number,
): { ok: true; input: ParcelInput } | { ok: false; errors: RowError[] } {
  const recipient: Record<string, string> = {};
  const parcel: Record<string, unknown> = { recipient };
  map.forEach((column, index) => {
    const value = cells[index]?.trim();
    if (!column || !value) return; // an empty optional cell is an absent field, not ""
    if ((RECIPIENT as readonly string[]).includes(column)) recipient[column] = value;
    else parcel[column] = value;
  });
  const fast = parcelInputFastPath(parcel);
  if (fast) return { ok: true, input: fast };
  const parsed = parcelInputSchema.safeParse(parcel);
  if (parsed.success) return { ok: true, input: parsed.data };
  const seen = new Set<string>();
  const errors: RowError[] = [];
  for (const issue of parsed.error.issues) {
    // Fields by their CSV column, as the shipper knows them.
    const field = String(issue.path.at(-1) ?? "row");
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ row, field, message: issue.code === "invalid_type" ? "is required" : issue.message });
  }
  return { ok: false, errors };
}
