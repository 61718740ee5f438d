import { randomBytes } from "node:crypto";

/** How many of each, at `scale` 1: the pilot day as specified. */
const FULL = { parcels: 5_000, couriers: 20, recipients: 500, strangers: 100, finders: 20 };

export type Person = { name: string; phone: string };
export type PilotParcel = { index: number; reference: string; person: number; address: string; detail: string };

/**
 * The day's generated people and parcels. Every name, phone and street number is made here, so
 * the log check knows exactly what personal data to look for. Half the people sign up as
 * recipients; the other half never do (their parcels are still delivered and scanned).
 */
export type World = {
  runId: string;
  counts: typeof FULL;
  people: Person[];
  parcels: PilotParcel[];
  /** Finders' contacts, given with their reports: personal data too. */
  finderPhones: string[];
};

const SURNAMES = [..."김이박최정강조윤장임"];
const FIRST = [..."서민지하도예주시우건"];
const LAST = [..."윤율현빈온솔담린결찬"];
const STREET = "세종대로";

const phoneOf = (block: number, n: number) =>
  `010-${block}${String(Math.floor(n / 10_000) % 1_000).padStart(3, "0")}-${String(n % 10_000).padStart(4, "0")}`;

export function buildWorld(scale: number): World {
  const at = (full: number, least: number) => Math.max(least, Math.round(full * scale));
  const counts = {
    parcels: at(FULL.parcels, 12),
    couriers: at(FULL.couriers, 3),
    recipients: at(FULL.recipients, 3),
    strangers: at(FULL.strangers, 2),
    finders: at(FULL.finders, 1),
  };
  const runId = randomBytes(3).toString("hex").toUpperCase();
  const people = Array.from({ length: counts.recipients * 2 }, (_, i) => ({
    name: `${SURNAMES[i % 10]}${FIRST[Math.floor(i / 10) % 10]}${LAST[Math.floor(i / 100) % 10]}`,
    phone: phoneOf(8, i),
  }));
  const parcels = Array.from({ length: counts.parcels }, (_, i) => ({
    index: i,
    reference: `PILOT-${runId}-${i}`,
    person: i % people.length,
    address: `서울특별시 중구 ${STREET} ${1_000 + i}`,
    detail: `${100 + (i % 900)}동 ${1_000 + i}호`,
  }));
  const finderPhones = Array.from({ length: counts.finders }, (_, i) => phoneOf(9, i));
  return { runId, counts, people, parcels, finderPhones };
}

/** The carrier's CSV of the whole day, in the import's columns (lib/imports/columns.ts). */
export function importCsv(world: World): string {
  const rows = world.parcels.map((parcel) => {
    const person = world.people[parcel.person]!;
    return [person.name, person.phone, parcel.address, parcel.detail, "04524", "", "도서", parcel.reference].join(",");
  });
  return ["name,phone,address,addressDetail,postalCode,memo,itemName,reference", ...rows].join("\n") + "\n";
}

/**
 * Finds any of the world's personal data in `text`: full names (three syllables anywhere in a
 * run of Hangul), phones in any separator style, street addresses with their number, and
 * address details. Masked forms (`김*윤`, `010-8000-****`, `세종대로 ***`) do not match.
 */
export function findPersonalData(world: World, text: string): string[] {
  const names = new Set(world.people.map((person) => person.name));
  const phones = new Set([...world.people.map((p) => p.phone), ...world.finderPhones].map((p) => p.replace(/-/g, "")));
  const numbers = new Set(world.parcels.map((parcel) => parcel.address.split(" ").at(-1)!));
  const details = new Set(world.parcels.map((parcel) => parcel.detail));
  const found = new Set<string>();
  for (const [run] of text.matchAll(/[가-힣]{3,}/g)) {
    for (let i = 0; i + 3 <= run.length; i++)
      if (names.has(run.slice(i, i + 3))) found.add(`name ${run.slice(i, i + 3)}`);
  }
  for (const [phone] of text.matchAll(/01\d[-. ]?\d{3,4}[-. ]?\d{4}/g)) {
    if (phones.has(phone.replace(/\D/g, ""))) found.add(`phone ${phone}`);
  }
  for (const match of text.matchAll(new RegExp(`${STREET}\\s*(\\d+)`, "g"))) {
    if (numbers.has(match[1]!)) found.add(`address ${match[0]}`);
  }
  for (const [detail] of text.matchAll(/\d+동 \d+호/g)) if (details.has(detail)) found.add(`detail ${detail}`);
  return [...found];
}
