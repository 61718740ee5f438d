import { getSql } from "@/db/client";
import { checkReadiness } from "@/lib/health/readiness";
import { getRedis } from "@/lib/redis/client";

export const dynamic = "force-dynamic";

export async function GET() {
  const { ready, down } = await checkReadiness({ sql: getSql(), redis: getRedis() });
  return Response.json(ready ? { status: "ready" } : { status: "unavailable", down }, {
    status: ready ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
