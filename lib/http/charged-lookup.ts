import { randomBytes, timingSafeEqual } from "node:crypto";

/**
 * How proxy.ts tells the page it renders that it has already charged this request's parcel
 * look-up (lib/parcels/resolve.ts, chargeLookup): a request header holding a secret of this
 * process, which a caller cannot know, so a caller who sends the header itself is charged as
 * usual. proxy.ts and the pages run in the same process, but are bundled apart: the secret
 * lives on globalThis.
 */
const HEADER = "x-exqress-lookup-charged";
const store = globalThis as unknown as { exqressLookupReceipt?: Buffer };
const receipt = () => (store.exqressLookupReceipt ??= randomBytes(32));

export function markLookupCharged(headers: Headers): void {
  headers.set(HEADER, receipt().toString("base64url"));
}

export function lookupWasCharged(headers: Pick<Headers, "get">): boolean {
  const given = Buffer.from(headers.get(HEADER) ?? "", "base64url");
  return given.length === receipt().length && timingSafeEqual(given, receipt());
}
