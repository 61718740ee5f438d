/**
 * The screens `bench:lighthouse` audits and what they need: parcels to look at (a stranger's, the
 * demo recipient's own), a courier's day of assigned parcels, and a session cookie per role taken
 * from the one login door (POST /api/auth/login), as a browser would get it.
 */
import { sql } from "drizzle-orm";
import { connect } from "@/db/client";
import { DEMO_LOGINS } from "@/scripts/seed";
import { DEMO_API_KEY, parcelJson, postBatch } from "./fixtures";

export type Screen = {
  name: string;
  path: string;
  /** Cookie header of the signed-in role, absent for a stranger. */
  cookie?: string;
};

/** A courier's working day: enough cards that the list's cost shows, as on a real round. */
const COURIER_PARCELS = 80;
const RECIPIENT_PARCELS = 12;
const OTHER_PARCELS = 200;

const login = (who: string) => {
  const account = DEMO_LOGINS.find((entry) => entry.who.startsWith(who));
  if (!account) throw new Error(`no demo login for ${who}`);
  return { identifier: account.login, password: account.password };
};

async function sessionCookie(baseUrl: string, who: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify(login(who)),
  });
  const cookie = response.headers.getSetCookie()[0]?.split(";")[0];
  if (response.status !== 200 || !cookie) throw new Error(`the demo ${who}'s login answered ${response.status}`);
  return cookie;
}

/** Hands the demo courier a day's round: registered parcels, out for delivery with them. */
async function assignToCourier(databaseUrl: string, count: number): Promise<void> {
  const { sql: client, db } = connect(databaseUrl, { max: 1 });
  try {
    await db.execute(sql`
      update parcels set status = 'out_for_delivery',
        courier_id = (select id from users where email = ${login("courier").identifier})
      where id in (select id from parcels where status = 'registered' and courier_id is null limit ${count})`);
  } finally {
    await client.end();
  }
}

/** A signed-in screen must not quietly be the login page: the cookie has to open it. */
async function assertOpens(baseUrl: string, screen: Screen): Promise<void> {
  const response = await fetch(baseUrl + screen.path, {
    headers: screen.cookie ? { cookie: screen.cookie } : {},
    redirect: "manual",
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${screen.path} answered ${response.status} for ${screen.name}`);
}

/** Seeds what the screens show and signs in each role; returns the screens in audit order. */
export async function prepareScreens(baseUrl: string, databaseUrl: string): Promise<Screen[]> {
  const recipientPhone = login("recipient").identifier;
  const mine = Array.from({ length: RECIPIENT_PARCELS }, (_, i) => parcelJson(i)).map((parcel) => ({
    ...parcel,
    recipient: { ...parcel.recipient, phone: recipientPhone },
  }));
  const others = Array.from({ length: OTHER_PARCELS }, (_, i) => parcelJson(10_000 + i));
  const codes = await postBatch(baseUrl, DEMO_API_KEY, JSON.stringify({ parcels: [...mine, ...others] }));
  await assignToCourier(databaseUrl, COURIER_PARCELS);
  const [recipient, courier, admin] = await Promise.all(
    ["recipient", "courier", "admin"].map((who) => sessionCookie(baseUrl, who)),
  );
  const screens: Screen[] = [
    { name: "home", path: "/" },
    { name: "scan", path: "/scan" },
    { name: "login", path: "/login" },
    { name: "parcel (stranger)", path: `/p/${codes[codes.length - 1]}` },
    { name: "parcel (owner)", path: `/p/${codes[0]}`, cookie: recipient },
    { name: "parcels (recipient)", path: "/parcels", cookie: recipient },
    { name: "courier", path: "/courier", cookie: courier },
    { name: "admin", path: "/admin", cookie: admin },
    { name: "admin parcels", path: "/admin/parcels", cookie: admin },
  ];
  for (const screen of screens) await assertOpens(baseUrl, screen);
  return screens;
}
