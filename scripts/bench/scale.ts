/**
 * `npm run bench:scale`: the hot paths measured on a database holding 1 M, then 10 M parcels with a
 * month of history (SCALE_PARCELS=1000000,10000000; e.g. 100000,1000000 for a quicker run). The
 * same scratch database grows from one size to the next: rows generated here and streamed in by
 * COPY (scale/fill.ts), indexes built afterwards, then ANALYZE. At each size, through the
 * production server: the owner's page, a stranger's first scan, a courier's list, the console's
 * list and search, single and batch registration; in this process the hourly purge; and the size
 * of every table. Target: the owner's page p99 at the largest size within 1.5× of the smallest's.
 */
import { connect } from "@/db/client";
import { DEMO_LOGINS } from "@/scripts/seed";
import { runBench } from "./harness";
import { printLoadTable, warnAboutOtherLoad, type LoadResult } from "./load";
import { waitForQuiet } from "./monitor";
import { fmt, printSetup, section, type Check } from "./report";
import { fillPhase, RETENTION_DAYS, type PhaseFill } from "./scale/fill";
import { logIn, measureBatches, measurePurge, measureRequests, type Purge, type Registration } from "./scale/measure";
import { printComparison, printFill, printSizes } from "./scale/print";
import { tableSizes, type TableSize } from "./scale/sizes";

export type Measured = {
  parcels: number;
  fill: PhaseFill;
  loads: LoadResult[];
  batch: Registration;
  purge: Purge;
  sizes: TableSize[];
};

const SIZES = (process.env.SCALE_PARCELS ?? "1000000,10000000").split(",").map(Number);
if (SIZES.length < 2 || SIZES.some((size, i) => !Number.isInteger(size) || size <= (SIZES[i - 1] ?? 0))) {
  throw new Error(`SCALE_PARCELS must be two or more growing whole numbers, got "${process.env.SCALE_PARCELS}"`);
}
const OWNER_P99_RATIO = 1.5;

const env = {
  // High enough never to block the stranger's scans, while each still runs the limiter's script.
  RESOLVE_LIMIT_PER_HOUR: "1000000000",
  // The server's own hourly purge leaves the generated month alone; this script runs the purge it measures.
  PII_RETENTION_DAYS: "3650",
};

runBench("bench:scale", env, async (server) => {
  printSetup(server.embedded, [
    `sizes: ${SIZES.map((size) => fmt(size)).join(" → ")} parcels, one database grown from one size to the next`,
    "rows generated and copied in (COPY, triggers and foreign-key checks off, indexes built after);",
    "  an embedded PostgreSQL keeps its defaults but max_wal_size (4 GB, for the fill)",
    "personal data: a pool of 64 payloads encrypted once and reused, except the demo recipient's parcels",
    "  (encrypted for real, so the owner's page opens them): sizes and query paths are real, decryption of the rest is not",
  ]);
  const { sql } = connect(server.databaseUrl, { max: 2 });
  const measured: Measured[] = [];
  try {
    const [role] = await sql<
      { superuser: boolean }[]
    >`select rolsuper as superuser from pg_roles where rolname = current_user`;
    if (!role?.superuser) throw new Error("the fill turns triggers off for its COPY, which needs a superuser");
    // Fewer checkpoints while tens of millions of rows go in; only on the cluster this run started and throws away.
    if (server.embedded.postgres)
      await sql`alter system set max_wal_size = '4GB'`.then(() => sql`select pg_reload_conf()`);
    const now = Date.now();
    const keys = {
      PII_KEYS: server.env.PII_KEYS!,
      AUTH_SECRET: server.env.AUTH_SECRET!,
      PHONE_HASH_KEY: server.env.PHONE_HASH_KEY,
    };
    let owned: string[] = [];
    for (const [index, parcels] of SIZES.entries()) {
      const before = SIZES[index - 1] ?? 0;
      section(`fill: ${fmt(before)} → ${fmt(parcels)} parcels`);
      const fill = await fillPhase(sql, {
        index,
        parcels: parcels - before,
        phonesBefore: Math.floor(before / 4),
        now,
        keys,
        ownerPhone: DEMO_LOGINS[2].login,
      });
      if (index === 0) owned = fill.samples.owned;
      printFill(fill, parcels - before);
      await waitForQuiet();
      section(`requests at ${fmt(parcels)} parcels`);
      const loads = await measureRequests(server, await logIn(server.baseUrl), { ...fill.samples, owned });
      printLoadTable(loads);
      warnAboutOtherLoad(loads);
      const batch = await measureBatches(server.baseUrl);
      const purge = await measurePurge(server, now, index, RETENTION_DAYS);
      const sizes = await tableSizes(sql);
      printSizes(sizes, parcels);
      measured.push({ parcels, fill, loads, batch, purge, sizes });
    }
  } finally {
    await sql.end();
  }
  printComparison(measured);
  const [first, last] = [measured[0]!, measured.at(-1)!];
  const ratio = last.loads[0]!.p99 / first.loads[0]!.p99;
  return [
    {
      target: `owner's page p99 at ${fmt(last.parcels)} parcels ≤ ${OWNER_P99_RATIO}× at ${fmt(first.parcels)}`,
      met: ratio <= OWNER_P99_RATIO,
      detail: `${fmt(first.loads[0]!.p99)} → ${fmt(last.loads[0]!.p99)} ms (${fmt(ratio, 2)}×)`,
    },
  ] satisfies Check[];
});
