import { getSql } from "@/db/client";
import { checkReadiness } from "@/lib/health/readiness";
import { isDraining } from "@/lib/observability/graceful-shutdown";
import { getRedis } from "@/lib/redis/client";

export const dynamic = "force-dynamic";

export async function GET() {
  // Shutting down: balancers must stop sending here even though the dependencies still answer.
  if (isDraining()) {
    return Response.json({ status: "shutting_down" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
  const { ready, down } = await checkReadiness({ sql: getSql(), redis: getRedis() });
  return Response.json(ready ? { status: "ready" } : { status: "unavailable", down }, {
    status: ready ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
