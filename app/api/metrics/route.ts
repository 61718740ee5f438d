import { env } from "@/lib/config/env";
import { apiError } from "@/lib/http/api-response";
import { metrics } from "@/lib/observability/metrics";
import { mayReadMetrics } from "@/lib/observability/metrics-access";

export const dynamic = "force-dynamic";

/** Prometheus scrape of this process's registry (each replica is scraped on its own). */
export async function GET(request: Request) {
  if (!mayReadMetrics(request.headers.get("authorization"), env().METRICS_TOKEN)) {
    const headers = { "WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store" };
    return apiError(401, "unauthorized", "Send the metrics token as a Bearer token.", { headers });
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
  });
}
