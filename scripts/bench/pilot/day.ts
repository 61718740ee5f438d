import type { LaunchedCluster } from "@/scripts/services/cluster-launch";
import { DEMO_LOGINS } from "@/scripts/seed";
import { loopbackAddress, PilotClient, type Edge } from "./client";
import { importAndPrint, assignAll } from "./carrier";
import { courierDay, type CourierLedger, type CourierMode } from "./couriers";
import { inflict, type AppCpu, type Fault } from "./faults";
import { codesByReference, createCouriers, endCourierSessions, signUpRecipients, type Backoffice } from "./people";
import type { Recorder } from "./record";
import { abuse, finderVisit, recipientVisit, strangerVisit } from "./visitors";
import type { World } from "./world";

export type DayResult = {
  imported: number;
  labelParts: number;
  assigned: number;
  /** Every pilot parcel's code, and which courier's day each one was part of. */
  codes: string[];
  couriers: CourierLedger[];
  abuserAddress: string;
};

const ABUSER_MAX_TRIES = 20_000;

/** Runs `work` over `items`, `width` at a time. */
async function pool<T>(items: T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await work(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

const ADMIN_TRIES = 60;

/** An admin whose console action failed (PostgreSQL or Redis restarting) tries again a second later. */
async function asTheAdminWould(action: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= ADMIN_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

const modeOf = (i: number): CourierMode => (i < 2 ? "offline" : i === 2 ? "session-ends" : "online");

/**
 * The day: the carrier imports and prints, couriers and recipients get their accounts, the
 * carrier assigns every parcel; then couriers, recipients, strangers, finders and the abuser
 * all at once, each from its own loopback address, while the faults strike at a quarter, half
 * and three quarters of the couriers' updates.
 */
export async function playDay(options: {
  world: World;
  launched: LaunchedCluster;
  office: Backoffice;
  recorder: Recorder;
  cpu: AppCpu;
  faults: Fault[];
  log: (line: string) => void;
}): Promise<DayResult> {
  const { world, launched, office, recorder, cpu, faults, log } = options;
  const edge: Edge = { url: launched.cluster.url, ca: launched.cluster.ca };
  let addresses = 0;
  const client = (name: string, honest = true) =>
    new PilotClient(name, loopbackAddress(addresses++), edge, recorder, honest);
  const clients: PilotClient[] = [];
  const keep = (made: PilotClient) => (clients.push(made), made);

  cpu.start();
  const carrier = keep(client("carrier"));
  log(`carrier: importing ${world.counts.parcels} parcels by CSV`);
  const { imported, parts } = await importAndPrint(carrier, world);
  const byReference = await codesByReference(office, world);
  const codes = world.parcels.map((parcel) => byReference.get(parcel.reference) ?? "");
  if (codes.some((code) => !code)) throw new Error("some imported parcels have no code");
  log(`carrier: ${imported} imported, ${parts} label parts printed; creating couriers and signing up recipients`);
  const courierAccounts = await createCouriers(office, world);
  const recipientAccounts = await signUpRecipients(office, world);
  const shares = courierAccounts.map((account, k) => ({
    email: account.identifier,
    codes: codes.filter((_, i) => i % courierAccounts.length === k),
  }));
  const assigned = await assignAll(carrier, shares);
  log(`carrier: ${assigned} parcels assigned to ${courierAccounts.length} couriers; the day begins`);

  const totalTaps = codes.length * 4;
  let acked = 0;
  const courierClients = courierAccounts.map((_, k) => keep(client(`courier ${k + 1}`)));
  const couriersDone = Promise.all(
    courierAccounts.map((account, k) =>
      courierDay(courierClients[k]!, account, shares[k]!.codes, modeOf(k), {
        onAck: () => void (acked += 1),
        endSession: async () => {
          log(`admin: ending every session of ${account.identifier} while its queue is being sent`);
          await asTheAdminWould(() => endCourierSessions(office, account.identifier));
        },
      }),
    ),
  );
  let couriersFinished = false;
  // Only a flag: the day awaits couriersDone itself, and its failure is reported there.
  couriersDone.then(
    () => (couriersFinished = true),
    () => (couriersFinished = true),
  );
  const faultsDone = (async () => {
    for (const [i, fault] of faults.entries()) {
      const threshold = ((i + 1) / (faults.length + 1)) * totalTaps;
      while (acked < threshold && !couriersFinished) await new Promise((resolve) => setTimeout(resolve, 100));
      await inflict(fault, launched, recorder, cpu, log);
    }
  })();
  const visitorsDone = Promise.all([
    pool(recipientAccounts, 8, async (account, r) => {
      const own = codes.filter((_, i) => world.parcels[i]!.person === r);
      await recipientVisit(keep(client(`recipient ${r + 1}`)), account, own);
    }),
    pool([...Array(world.counts.strangers).keys()], 2, async (s) => {
      const seen = [0, 1, 2].map((j) => codes[(s * 7 + j * 13) % codes.length]!);
      await strangerVisit(keep(client(`stranger ${s + 1}`)), seen);
    }),
    pool([...Array(world.counts.finders).keys()], 1, async (f) => {
      const code = codes[(f * 11 + 5) % codes.length]!;
      await finderVisit(keep(client(`finder ${f + 1}`)), code, world.finderPhones[f]!);
    }),
  ]);
  const abuser = keep(client("abuser", false));
  let dayOver = false;
  const targets = [courierAccounts[2]!.identifier, recipientAccounts[0]!.identifier, DEMO_LOGINS[0].login];
  const abuserDone = abuse(abuser, targets, () => !dayOver, ABUSER_MAX_TRIES);
  try {
    const [couriers] = await Promise.all([couriersDone, faultsDone, visitorsDone]);
    return { imported, labelParts: parts, assigned, codes, couriers, abuserAddress: abuser.address };
  } finally {
    dayOver = true;
    await abuserDone;
    for (const made of clients) made.close();
  }
}
