/**
 * `npm run audit:verify [-- --carrier <id>]`: walks each carrier's audit hash chain, checks the
 * rows still awaiting sequencing against their content hashes, and prints the first broken link,
 * if any, or how many rows await sequencing. Exit code 0 when every log holds, 2 when one is
 * broken, 1 when the check could not run.
 */
import { connect } from "@/db/client";
import { verifyAllChains } from "@/lib/audit/verify";

const REASONS = {
  hash_mismatch: "its content no longer matches its hash (altered)",
  prev_mismatch: "it does not link to the row before (altered or inserted)",
  sequence_gap: "the rows before it are missing (deleted)",
  head_mismatch: "rows are missing from the end of the log (deleted)",
  pending_altered: "it awaits sequencing and no longer matches its content hash (altered)",
} as const;

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to the database to verify.");
  const at = process.argv.indexOf("--carrier");
  const carrierId = at > 0 ? process.argv[at + 1] : undefined;
  const { sql } = connect(url, { max: 1 });
  try {
    const reports = await verifyAllChains(sql, carrierId);
    if (reports.length === 0) console.log(carrierId ? "That carrier has no audit log." : "No audit log yet.");
    for (const report of reports) {
      const who = `${report.name} (${report.carrierId})`;
      if (report.ok) {
        console.log(
          `OK      ${who}: ${report.rows} rows, every link holds; ${report.pending} rows await sequencing, ` +
            "each matching its content hash" +
            (report.retired > 0 ? `; ${report.retired} older rows retired by retention before them.` : "."),
        );
      } else {
        const at = report.seq === null ? "a row awaiting sequencing" : `seq ${report.seq}`;
        const row = report.id === null ? "" : `, row id ${report.id}`;
        console.log(`BROKEN  ${who}: first broken link at ${at}${row}: ${REASONS[report.reason]}.`);
      }
    }
    return reports.every((report) => report.ok) ? 0 : 2;
  } finally {
    await sql.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Audit verification failed to run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
