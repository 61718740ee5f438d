/** bench:scale's tables: each fill, each size's tables, and the sizes side by side. */
import type { Measured } from "../scale";
import { fmt, ms, printTable, section } from "../report";
import type { PhaseFill } from "./fill";
import { DAYS } from "./mix";
import type { TableSize } from "./sizes";

const MB = 2 ** 20;
const mb = (bytes: number) => `${fmt(bytes / MB, bytes < 10 * MB ? 1 : 0)} MB`;
const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);

export function printFill(fill: PhaseFill, parcels: number): void {
  const rows = sum(fill.rows.values());
  printTable(
    ["table", "rows copied"],
    [...fill.rows].map(([table, count]) => [table, fmt(count)]),
  );
  console.log(
    `  ${fmt(parcels)} parcels, ${fmt(rows)} rows: generated and copied in ${fmt(fill.seconds)} s ` +
      `(${fmt(rows / fill.seconds)} rows/s), indexes built and analysed in ${fmt(fill.indexSeconds)} s`,
  );
}

/** Every table with rows, and what a day of registrations adds (the month's total over its DAYS days). */
export function printSizes(sizes: TableSize[], parcels: number): void {
  const shown = sizes.filter((size) => size.rows > 0);
  printTable(
    ["table", "rows", "size", "bytes a parcel", "rows a day", "size a day"],
    shown.map((size) => [
      size.table,
      fmt(size.rows),
      mb(size.bytes),
      fmt(size.bytes / parcels),
      fmt(size.rows / DAYS),
      mb(size.bytes / DAYS),
    ]),
  );
  const total = sum(sizes.map((size) => size.bytes));
  console.log(
    `  database: ${mb(total)}, ${fmt(total / parcels)} bytes a parcel, ${mb(total / DAYS)} a day (${DAYS} days)`,
  );
}

type Row = [string, (m: Measured) => number, (value: number) => string];

function rows(measured: Measured[]): Row[] {
  const titles = measured[0]!.loads.map((load) => load.title);
  const loadRows = titles.flatMap((title, i): Row[] => [
    [`${title} p50`, (m) => m.loads[i]!.p50, ms],
    [`${title} p99`, (m) => m.loads[i]!.p99, ms],
    [`${title} req/s`, (m) => m.loads[i]!.rps, (v) => fmt(v)],
  ]);
  return [
    ["fill: rows copied", (m) => sum(m.fill.rows.values()), (v) => fmt(v)],
    ["fill: copy rows/s", (m) => sum(m.fill.rows.values()) / m.fill.seconds, (v) => fmt(v)],
    ["fill: index build + analyse s", (m) => m.fill.indexSeconds, (v) => fmt(v)],
    ...loadRows,
    ["batch of 10,000 (median)", (m) => m.batch.medianMs, ms],
    ["batch parcels/s", (m) => m.batch.parcelsPerSecond, (v) => fmt(v)],
    ["hourly purge", (m) => m.purge.seconds * 1000, ms],
    ["hourly purge: parcels purged", (m) => m.purge.purged, (v) => fmt(v)],
    ["database size", (m) => sum(m.sizes.map((s) => s.bytes)), mb],
  ];
}

/** metric | each size | last ÷ first. */
export function printComparison(measured: Measured[]): void {
  section("side by side");
  const [first, last] = [measured[0]!, measured.at(-1)!];
  printTable(
    ["metric", ...measured.map((m) => `${fmt(m.parcels)} parcels`), "ratio"],
    rows(measured).map(([label, value, show]) => [
      label,
      ...measured.map((m) => show(value(m))),
      value(first) === 0 ? "-" : `${fmt(value(last) / value(first), 2)}×`,
    ]),
  );
}
