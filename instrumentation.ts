/**
 * Runs once when a server process starts: the configuration is validated before
 * the first request (a bad variable stops the start, naming it), and the
 * retention purge is scheduled every hour on every server (batches skip rows
 * another server has locked, so replicas share the work). Every server also runs a CSV
 * import worker (lib/imports/queue.ts): any replica takes the next import.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/config/env");
  const config = env();
  const [{ getDb }, { purgeExpiredPersonalData }, { startHourlyPurge }, { startImportWorker }] = await Promise.all([
    import("@/db/client"),
    import("@/lib/parcels/purge"),
    import("@/lib/parcels/purge-schedule"),
    import("@/lib/imports/queue"),
  ]);
  startHourlyPurge(() => purgeExpiredPersonalData(getDb(), { retentionDays: config.PII_RETENTION_DAYS }), console);
  startImportWorker();
}
