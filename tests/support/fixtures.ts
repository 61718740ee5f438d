import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys, carriers, parcels, users, type Parcel } from "@/db/schema";
import { apiKeyPrefix, hashApiKey } from "@/lib/api-keys/hash";
import { hashPassword } from "@/lib/auth/password";
import { env } from "@/lib/config/env";
import type { ApiKeyScope } from "@/lib/core/api-key-scopes";
import type { ParcelInput } from "@/lib/parcels/new-parcel";
import { registerParcels } from "@/lib/parcels/register";
import { hashPhoneNumber } from "@/lib/privacy/keys";

/** Test data written through the same functions the app uses, with unique names per call. */
export const unique = (label: string) => `${label}-${randomBytes(4).toString("hex")}`;

/** A phone number no other test uses, so ownership never crosses tests. */
export function uniquePhone(): string {
  const digits = String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, "0");
  return `010-${digits.slice(0, 4)}-${digits.slice(4)}`;
}

export async function createCarrier(name = unique("Carrier")) {
  const [carrier] = await getDb().insert(carriers).values({ name }).returning();
  return carrier!;
}

export async function createStaff(role: "courier" | "admin", carrierId: string) {
  const [user] = await getDb()
    .insert(users)
    .values({ role, carrierId, email: `${unique(role)}@test.local`, passwordHash: "unused" })
    .returning({ id: users.id });
  return { kind: role, userId: user!.id, carrierId } as const;
}

/** A courier of a new carrier who can log in with `password`, with the email to log in by. */
export async function createCourierLogin(password: string) {
  const courier = await createStaff("courier", (await createCarrier()).id);
  const [row] = await getDb()
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, courier.userId))
    .returning({ email: users.email });
  return { ...courier, email: row!.email! };
}

export async function createRecipient(phone = uniquePhone()) {
  const phoneHash = hashPhoneNumber(phone)!;
  const [user] = await getDb()
    .insert(users)
    .values({ role: "recipient", phoneHash, passwordHash: "unused" })
    .returning({ id: users.id });
  return { kind: "recipient", userId: user!.id, phoneHash } as const;
}

/** A key of the carrier; without `scopes` it may do everything, as the column's default allows. */
export async function createApiKey(carrierId: string, scopes?: ApiKeyScope[]) {
  const key = `exq_test_${randomBytes(16).toString("hex")}`;
  const [row] = await getDb()
    .insert(apiKeys)
    .values({
      carrierId,
      name: "test",
      prefix: apiKeyPrefix(key),
      keyHash: hashApiKey(key),
      ...(scopes ? { scopes } : {}),
    })
    .returning({ id: apiKeys.id });
  return { key, viewer: { kind: "api_key", apiKeyId: row!.id, carrierId } as const };
}

export function parcelInput(phone = uniquePhone()): ParcelInput {
  return {
    recipient: {
      name: "홍길동",
      phone,
      address: "경기도 의정부시 오목로 150",
      addressDetail: "211동 1203호",
      postalCode: "11657",
      memo: "문 앞에 놓아 주세요",
    },
    itemName: "무선 이어폰",
  };
}

/** Registers one parcel, then puts it straight into the state a test needs. */
export async function createParcel(
  carrierId: string,
  input: ParcelInput = parcelInput(),
  state: Partial<Pick<Parcel, "status" | "courierId" | "deliveredAt" | "piiPurgedAt" | "createdAt">> = {},
) {
  const db = getDb();
  const [registered] = await registerParcels(db, { carrierId }, [input], env());
  const [row] = await db.update(parcels).set(state).where(eq(parcels.code, registered!.code)).returning();
  return row!;
}

export function randomIp(): string {
  return `10.${randomBytes(3).join(".")}`;
}

export const meta = (ip = randomIp()) => ({ ip, userAgent: "vitest" });
