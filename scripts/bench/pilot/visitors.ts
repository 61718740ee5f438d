import { randomInt } from "node:crypto";
import { PARCEL_CODE_ALPHABET, PARCEL_CODE_LENGTH } from "@/lib/parcels/code";
import { sleep, withRetries, type PilotClient } from "./client";
import type { Account } from "./people";
import { logIn } from "./session";

/** A well-formed parcel code that no parcel has (one in 32^26 could exist: none will). */
export const unknownCode = () =>
  Array.from({ length: PARCEL_CODE_LENGTH }, () => PARCEL_CODE_ALPHABET[randomInt(PARCEL_CODE_ALPHABET.length)]).join(
    "",
  );

/**
 * A recipient's visit: log in from their own address, read their list, then for each of their
 * parcels scan the label (the page and the API) and read who saw their address.
 */
export async function recipientVisit(client: PilotClient, account: Account, codes: string[]): Promise<void> {
  await logIn(client, account, "recipient: log in");
  await withRetries(() => client.send("recipient: my parcels", "GET", "/api/v1/me/parcels"));
  for (const code of codes) {
    await withRetries(() => client.send("recipient: scan page", "GET", `/p/${code}`));
    await withRetries(() => client.send("recipient: parcel API", "GET", `/api/v1/parcels/${code}`));
    await withRetries(() => client.send("recipient: disclosures", "GET", `/api/v1/parcels/${code}/disclosures`));
  }
}

/** A passer-by scans a few labels they see, and mistypes one code. */
export async function strangerVisit(client: PilotClient, known: string[]): Promise<void> {
  for (const code of known) await withRetries(() => client.send("stranger: scan", "GET", `/p/${code}`));
  await withRetries(() => client.send("stranger: unknown code", "GET", `/p/${unknownCode()}`));
}

/** Someone finds a parcel in the street, scans it and reports where it is, with a contact. */
export async function finderVisit(client: PilotClient, code: string, contact: string): Promise<void> {
  await withRetries(() => client.send("finder: scan", "GET", `/p/${code}`));
  await withRetries(() =>
    client.json(
      "finder: report found",
      "POST",
      `/api/v1/parcels/${code}/reports`,
      { kind: "found", place: "정문 앞", message: "경비실에 맡겼습니다", contact },
      { origin: client.origin },
    ),
  );
}

const GUESSES_PER_ACCOUNT = 12;

/** Past the day's end the abuser goes on until it has met both throttles, at most this many tries. */
const TRIES_AFTER_THE_DAY = 200;

/**
 * The abuser, from one address all day: guesses parcel codes and passwords (of a courier, a
 * recipient and the demo admin), and goes on after the day until both kinds of guess have been
 * answered 429 or it gave up. Never retries: it takes whatever answer it gets.
 */
export async function abuse(
  client: PilotClient,
  targets: string[],
  dayRunning: () => boolean,
  maxTries: number,
): Promise<void> {
  const throttled = { code: false, password: false };
  let afterDay = 0;
  for (let i = 0; i < maxTries; i++) {
    if (!dayRunning() && ((throttled.code && throttled.password) || afterDay++ >= TRIES_AFTER_THE_DAY)) return;
    if (i % 2 === 0) {
      const answer = await client.send("abuser: guess code", "GET", `/p/${unknownCode()}`);
      throttled.code ||= answer.status === 429;
    } else {
      // A dozen guesses at one account, then the next: enough to meet each lock-out.
      const identifier = targets[Math.floor(i / 2 / GUESSES_PER_ACCOUNT) % targets.length]!;
      const guess = { identifier, password: `guess-${i}-password` };
      const answer = await client.json("abuser: guess password", "POST", "/api/auth/login", guess, {
        origin: client.origin,
      });
      throttled.password ||= answer.status === 429;
    }
    await sleep(50);
  }
}
