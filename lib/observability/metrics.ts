import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The process's one Prometheus registry and the app's series. Label values come only from
 * fixed sets (outcomes, roles, route patterns from the build's manifest, status codes): a
 * parcel code, a name, a phone or an address can never become a label.
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "exqress_" });
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: "exqress_http_request_duration_seconds",
      help: "Time from a request's arrival to its response's end, by route pattern and status.",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    resolves: new Counter({
      name: "exqress_parcel_resolves_total",
      help: "Parcel code look-ups by outcome: masked, full, not_found or throttled.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    strangerPageRenders: new Counter({
      name: "exqress_stranger_page_renders_total",
      help: "Renders of a stranger's parcel page: one per view this process keeps; other scans of it are served kept.",
      registers,
    }),
    disclosures: new Counter({
      name: "exqress_disclosures_total",
      help: "Full views of a recipient's data written to the disclosure log, by viewer role.",
      labelNames: ["viewer_role"] as const,
      registers,
    }),
    logins: new Counter({
      name: "exqress_logins_total",
      help: "Password logins by outcome: ok, failed or throttled.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    statusEvents: new Counter({
      name: "exqress_status_events_received_total",
      help: "Status updates received (API keys and the couriers' offline outbox), by actor and result.",
      labelNames: ["actor", "result"] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// On globalThis: Next.js bundles instrumentation and each route separately, and they must share one registry.
const cache = globalThis as unknown as { exqressMetrics?: Metrics };

export function metrics(): Metrics {
  cache.exqressMetrics ??= createMetrics();
  return cache.exqressMetrics;
}
