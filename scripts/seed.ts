import { sql } from "drizzle-orm";
import type { Env } from "@/lib/config/env";
import { apiKeyPrefix, hashApiKey } from "@/lib/api-keys/hash";
import { hashPassword } from "@/lib/auth/password";
import { newParcelRow, type ParcelInput } from "@/lib/parcels/new-parcel";
import { hashPhoneNumber } from "@/lib/privacy/keys";
import { maskPhone } from "@/lib/privacy/mask";
import { connect, type Database } from "@/db/client";
import { apiKeys, carriers, parcelEvents, parcels, registrations, users, type NewParcelEvent } from "@/db/schema";

/** The demo accounts that README.md lists. */
export const DEMO_LOGINS = [
  { who: "admin (EXQ Express)", login: "admin@exqress.local", password: "admin1234!" },
  { who: "courier (EXQ Express)", login: "courier@exqress.local", password: "courier1234!" },
  { who: "recipient", login: "010-0000-0001", password: "recipient1234!" },
] as const;
export const DEMO_API_KEY = "exq_demo_key";
export const DEMO_CARRIER = "EXQ Express";
const RECIPIENT_PHONE = DEMO_LOGINS[2].login;

type DemoParcel = ParcelInput & { status: "registered" | "out_for_delivery" | "delivered"; assigned: boolean };

const DEMO_PARCELS: DemoParcel[] = [
  {
    recipient: {
      name: "홍길동",
      phone: RECIPIENT_PHONE,
      address: "경기도 의정부시 오목로 150",
      addressDetail: "211동 1203호",
      postalCode: "11657",
      memo: "문 앞에 놓아 주세요",
    },
    itemName: "무선 이어폰",
    printItemName: true,
    status: "out_for_delivery",
    assigned: true,
  },
  {
    recipient: {
      name: "홍길동",
      phone: RECIPIENT_PHONE,
      address: "서울특별시 강남구 역삼동 123-45",
      postalCode: "06236",
    },
    itemName: "책 3권",
    status: "registered",
    assigned: false,
  },
  {
    recipient: {
      name: "홍길동",
      phone: RECIPIENT_PHONE,
      address: "경기도 의정부시 오목로 150",
      addressDetail: "211동 1203호",
    },
    itemName: "운동화",
    status: "delivered",
    assigned: true,
  },
  {
    recipient: {
      name: "김민수",
      phone: "010-9876-5432",
      address: "부산광역시 해운대구 해운대로 570",
      addressDetail: "101호",
    },
    status: "registered",
    assigned: false,
  },
];

// Each status the demo parcels reach, with the events after their registration that lead to it.
const PATH_TO: Record<DemoParcel["status"], NewParcelEvent["status"][]> = {
  registered: [],
  out_for_delivery: ["picked_up", "in_transit", "out_for_delivery"],
  delivered: ["picked_up", "in_transit", "out_for_delivery", "delivered"],
};

async function seedAccounts(tx: Database, carrierId: string, config: Env) {
  const [admin, courier, recipient] = await Promise.all(DEMO_LOGINS.map((l) => hashPassword(l.password)));
  const rows = await tx
    .insert(users)
    .values([
      { role: "admin", carrierId, email: DEMO_LOGINS[0].login, displayName: "EXQ 관리자", passwordHash: admin! },
      { role: "courier", carrierId, email: DEMO_LOGINS[1].login, displayName: "김배송", passwordHash: courier! },
      {
        role: "recipient",
        phoneHash: hashPhoneNumber(RECIPIENT_PHONE, config),
        phoneMasked: maskPhone(RECIPIENT_PHONE),
        displayName: "홍길동",
        passwordHash: recipient!,
      },
    ])
    .returning({ id: users.id, role: users.role });
  return rows.find((row) => row.role === "courier")!.id;
}

async function seedParcels(tx: Database, carrierId: string, courierId: string, config: Env) {
  // Registered six hours ago, then one event an hour: the timelines look lived in.
  const start = new Date(Date.now() - 6 * 60 * 60 * 1000);
  const hoursLater = (hours: number) => new Date(start.getTime() + hours * 3_600_000);
  const [registration] = await tx
    .insert(registrations)
    .values({ carrierId, parcelCount: DEMO_PARCELS.length, createdAt: start })
    .returning({ id: registrations.id });
  for (const demo of DEMO_PARCELS) {
    const row = newParcelRow(carrierId, demo, config);
    const steps = PATH_TO[demo.status];
    const deliveredAt = demo.status === "delivered" ? hoursLater(steps.length) : null;
    await tx.insert(parcels).values({
      ...row,
      registrationId: registration!.id,
      status: demo.status,
      courierId: demo.assigned ? courierId : null,
      deliveredAt,
      createdAt: start,
    });
    if (steps.length === 0) continue;
    await tx
      .insert(parcelEvents)
      .values(steps.map((status, i) => ({ parcelId: row.id, status, occurredAt: hoursLater(i + 1) })));
  }
}

/**
 * Seeds the demo carrier, its three accounts, its API key and a few parcels,
 * once: only when there is no carrier yet. An advisory lock keeps two servers
 * starting together from both seeding. Returns whether it seeded.
 */
export async function seedDemoDataIfEmpty(config: Env): Promise<boolean> {
  const { sql: client, db } = connect(config.DATABASE_URL, { max: 1 });
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('exqress:seed'))`);
      if ((await tx.select({ id: carriers.id }).from(carriers).limit(1)).length > 0) return false;
      const [carrier] = await tx.insert(carriers).values({ name: DEMO_CARRIER }).returning({ id: carriers.id });
      const carrierId = carrier!.id;
      await tx.insert(apiKeys).values({
        carrierId,
        name: "Demo key",
        prefix: apiKeyPrefix(DEMO_API_KEY),
        keyHash: hashApiKey(DEMO_API_KEY),
      });
      const courierId = await seedAccounts(tx, carrierId, config);
      await seedParcels(tx, carrierId, courierId, config);
      return true;
    });
  } finally {
    await client.end();
  }
}
