import { randomBytes } from "node:crypto";
import { inArray, like } from "drizzle-orm";
import { connect, type Database } from "@/db/client";
import { carriers, parcels, users } from "@/db/schema";
import { createStaffAccount, revokeStaffSessions } from "@/lib/auth/accounts";
import { requestOtp } from "@/lib/auth/otp";
import { completeSignup } from "@/lib/auth/signup";
import type { SmsSender } from "@/lib/auth/sms-sender";
import { parseEnv, type Env } from "@/lib/config/env";
import { connectRedis, type RedisClient } from "@/lib/redis/client";
import { DEMO_CARRIER } from "@/scripts/seed";
import type { World } from "./world";

/**
 * The pilot's own hands on the database and Redis, for what a person does outside the HTTP API
 * (an admin creating couriers and ending a session, a recipient receiving a text) and for the
 * final count of stored events. The same lib functions as the console's actions and sign-up.
 */
export type Backoffice = {
  db: Database;
  redis: RedisClient;
  config: Env;
  carrierId: string;
  close: () => Promise<void>;
};

export async function openBackoffice(environment: NodeJS.ProcessEnv): Promise<Backoffice> {
  const config = parseEnv({ ...environment, NODE_ENV: "production" });
  const { sql, db } = connect(config.DATABASE_URL, { max: 2 });
  const redis = connectRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX);
  const [carrier] = await db
    .select({ id: carriers.id })
    .from(carriers)
    .where(inArray(carriers.name, [DEMO_CARRIER]));
  if (!carrier) throw new Error(`the demo carrier "${DEMO_CARRIER}" is missing: was the database seeded?`);
  return {
    db,
    redis,
    config,
    carrierId: carrier.id,
    close: async () => {
      redis.disconnect();
      await sql.end();
    },
  };
}

export type Account = { identifier: string; password: string };
const password = () => `pilot-${randomBytes(12).toString("base64url")}`;

/** The admin's "new courier" (lib/auth/accounts.ts), with a password the courier keeps. */
export async function createCouriers(office: Backoffice, world: World): Promise<Account[]> {
  const accounts: Account[] = [];
  for (let i = 0; i < world.counts.couriers; i++) {
    const account = { identifier: `courier${i}.${world.runId.toLowerCase()}@pilot.example`, password: password() };
    const made = await createStaffAccount(office.db, office.carrierId, {
      role: "courier",
      email: account.identifier,
      password: account.password,
      displayName: `배송원 ${i + 1}`,
    });
    if (!made.ok) throw new Error(`could not create courier ${i}: ${made.error.message}`);
    accounts.push(account);
  }
  return accounts;
}

/**
 * The first `recipients` people sign up through lib/auth/signup.ts: a code texted to the phone
 * (here into this process, standing in for the SMS provider), then the code and a password.
 */
export async function signUpRecipients(office: Backoffice, world: World): Promise<Account[]> {
  const inbox = new Map<string, string>();
  const sender: SmsSender = {
    send: async (phone, text) => void inbox.set(phone, /\d{6}/.exec(text)?.[0] ?? ""),
  };
  const accounts: Account[] = [];
  for (const person of world.people.slice(0, world.counts.recipients)) {
    const phone = person.phone.replace(/-/g, "");
    const sent = await requestOtp(office.redis, sender, phone, Date.now(), `pilot-signup-${accounts.length}`);
    if (!sent.ok) throw new Error(`sign-up code refused: retry after ${sent.retryAfterSeconds} s`);
    const account = { identifier: person.phone, password: password() };
    const deps = { db: office.db, redis: office.redis, config: office.config };
    const done = await completeSignup(deps, { phone, code: inbox.get(phone) ?? "", password: account.password });
    if (!done.ok) throw new Error(`sign-up failed: ${done.error.message}`);
    accounts.push(account);
  }
  return accounts;
}

/** The console's "end all sessions" for one courier (lib/auth/accounts.ts). */
export async function endCourierSessions(office: Backoffice, email: string): Promise<void> {
  const [row] = await office.db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.email, [email]));
  if (!row) throw new Error(`no courier ${email}`);
  const ended = await revokeStaffSessions({ db: office.db, redis: office.redis }, office.carrierId, row.id);
  if (!ended.ok || ended.data.endedSessions === 0) throw new Error(`no session of ${email} was ended`);
}

/** The codes the import gave each reference (the carrier's own system keeps this mapping). */
export async function codesByReference(office: Backoffice, world: World): Promise<Map<string, string>> {
  const rows = await office.db
    .select({ code: parcels.code, reference: parcels.reference })
    .from(parcels)
    .where(like(parcels.reference, `PILOT-${world.runId}-%`));
  return new Map(rows.map((row) => [row.reference ?? "", row.code]));
}
