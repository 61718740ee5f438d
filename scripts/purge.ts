/**
 * `npm run purge`: purges personal data past retention once, now, then keeps the history (its
 * partitions made ahead, those past HISTORY_RETENTION_DAYS dropped). The running server does the
 * same every hour; this is for cron-only setups and for an operator who wants it done
 * immediately (e.g. after lowering PII_RETENTION_DAYS).
 */
import { connect } from "@/db/client";
import { env } from "@/lib/config/env";
import { keepHistory } from "@/lib/history/retention";
import { purgeExpiredPersonalData } from "@/lib/parcels/purge";

async function main(): Promise<void> {
  const config = env(); // throws EnvError naming every bad variable
  const retentionDays = config.PII_RETENTION_DAYS;
  const { sql, db } = connect(config.DATABASE_URL, { max: 1 });
  try {
    const { purged } = await purgeExpiredPersonalData(db, { retentionDays });
    console.log(`Purged personal data of ${purged} parcels delivered more than ${retentionDays} days ago.`);
    const { dropped } = await keepHistory(db, config);
    const names = dropped.map((partition) => partition.name).join(", ");
    console.log(`Dropped ${dropped.length} history partitions past retention${names ? `: ${names}` : ""}.`);
  } finally {
    await sql.end();
  }
}

/** The innermost cause: drizzle wraps a refused connection in "Failed query: <sql>", which hides it. */
function rootMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Purge failed: ${rootMessage(error)}`);
    process.exit(1);
  },
);
