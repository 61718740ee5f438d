import "server-only";
import { createHash } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { RedisClient } from "@/lib/redis/client";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { failure, ok, type Result } from "@/lib/core/result";
import { listUserSessions, revokeSession, type SessionRecord } from "@/lib/auth/session-store";

type Deps = { db: Database; redis: RedisClient };

/** A courier as the console lists them: no password data, sessions counted. */
export type CourierRow = {
  id: string;
  email: string;
  displayName: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  liveSessions: number;
};

/** A courier's live session as an admin sees it; `handle` names it without the session id itself. */
export type StaffSession = {
  handle: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
};

/**
 * The session id is the Redis key that lets a cookie in: an admin never needs it, only a name
 * to end a session by. A hash of it is that name (not the id, not reversible).
 */
const sessionHandle = (jti: string) => createHash("sha256").update(jti).digest("base64url").slice(0, 22);

const toSession = (record: SessionRecord): StaffSession => ({
  handle: sessionHandle(record.jti),
  createdAt: new Date(record.createdAt).toISOString(),
  lastSeenAt: new Date(record.lastSeenAt).toISOString(),
  ip: record.ip,
  userAgent: record.userAgent,
});

/** The carrier's couriers (active first, then by email), each with its number of live sessions. */
export async function listCouriers(deps: Deps, carrierId: string): Promise<CourierRow[]> {
  const rows = await deps.db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      disabledAt: users.disabledAt,
      mustChangePassword: users.mustChangePassword,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(eq(users.carrierId, carrierId), eq(users.role, "courier")))
    .orderBy(sql`${users.disabledAt} is not null`, asc(users.email));
  const sessions = await Promise.all(rows.map((row) => listUserSessions(deps.redis, row.id)));
  return rows.map((row, i) => ({
    id: row.id,
    email: row.email ?? "",
    displayName: row.displayName,
    disabled: row.disabledAt !== null,
    mustChangePassword: row.mustChangePassword,
    createdAt: row.createdAt.toISOString(),
    liveSessions: sessions[i]!.length,
  }));
}

async function courierOf(db: Database, carrierId: string, courierId: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.id, courierId), eq(users.carrierId, carrierId), eq(users.role, "courier")));
  return row;
}

/** One courier of the carrier and their live sessions; another carrier's courier is null. */
export async function courierSessions(
  deps: Deps,
  carrierId: string,
  courierId: string,
): Promise<{ email: string; sessions: StaffSession[] } | null> {
  const courier = await courierOf(deps.db, carrierId, courierId);
  if (!courier) return null;
  const sessions = await listUserSessions(deps.redis, courier.id);
  return { email: courier.email ?? "", sessions: sessions.map(toSession) };
}

/** Ends one live session of one of the carrier's couriers, named by its handle. */
export async function endCourierSession(
  deps: Deps,
  carrierId: string,
  input: { userId: string; handle: string },
): Promise<Result<null>> {
  const courier = await courierOf(deps.db, carrierId, input.userId);
  if (!courier) return failure("not_found", "No such courier in your carrier.");
  const session = (await listUserSessions(deps.redis, courier.id)).find((s) => sessionHandle(s.jti) === input.handle);
  if (!session) return failure("not_found", "That session has already ended.");
  await revokeSession(deps.redis, { userId: courier.id, jti: session.jti });
  return ok(null);
}
