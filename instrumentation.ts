/**
 * Runs once when a server process starts: the configuration is validated before
 * the first request (a bad variable stops the start, naming it), the forwarding
 * headers are put right on every request (lib/http/forwarding-edge.ts), a parcel page's answers
 * lose the headers that tell about the server (lib/http/internal-headers.ts), the history tables'
 * partitions for now and ahead are made, the retention purge and the history's upkeep (partitions
 * made ahead, those past HISTORY_RETENTION_DAYS dropped: lib/history) are scheduled every hour on
 * every server (batches skip rows another server has locked, partitions are made and dropped
 * under an advisory lock, so replicas share the work), the audit sequencer links new audit rows into
 * their carrier's hash chain every second (one server at a time per carrier), every server
 * runs a CSV import worker (lib/imports/queue.ts: any replica takes the next import), a push
 * notification worker (lib/notifications/queue.ts: pushes are sent from the queue, never a
 * request) and a webhook worker with its sweeper (lib/webhooks/queue.ts), every request is timed
 * and logged, and SIGTERM drains the server before PostgreSQL and Redis close.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/config/env");
  const config = env();
  // First, so no request reaches Next.js with forwarding headers a client made up.
  const [{ installForwardingEdge }, { hideInternalHeaders }] = await Promise.all([
    import("@/lib/http/forwarding-edge"),
    import("@/lib/http/internal-headers"),
  ]);
  installForwardingEdge(() => env().TRUSTED_PROXIES);
  hideInternalHeaders();
  const [{ getDb, getSql }, { purgeExpiredPersonalData }, { startHourlyPurge }, { startImportWorker }, notifications] =
    await Promise.all([
      import("@/db/client"),
      import("@/lib/parcels/purge"),
      import("@/lib/parcels/purge-schedule"),
      import("@/lib/imports/queue"),
      import("@/lib/notifications/queue"),
    ]);
  const [{ logger }, { startAuditSequencer }, { ensurePartitionsAhead }, { keepHistory }] = await Promise.all([
    import("@/lib/observability/logger"),
    import("@/lib/audit/sequencer-schedule"),
    import("@/db/partitions"),
    import("@/lib/history/retention"),
  ]);
  // Now rather than at the first hourly run: a database migrated long ago still takes inserts.
  ensurePartitionsAhead(getDb()).catch((error: unknown) =>
    logger().error({ err: error }, "Making the history partitions ahead failed; retrying at the next hourly run."),
  );
  startHourlyPurge(async () => {
    await purgeExpiredPersonalData(getDb(), { retentionDays: config.PII_RETENTION_DAYS });
    await keepHistory(getDb(), config);
  }, logger());
  startAuditSequencer(getSql(), logger());
  startImportWorker();
  notifications.startNotificationWorker();
  const { startWebhookSweeper, startWebhookWorker } = await import("@/lib/webhooks/queue");
  startWebhookWorker();
  startWebhookSweeper();
  const { startObservability } = await import("@/lib/observability/start");
  startObservability(config);
}
