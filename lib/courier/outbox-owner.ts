import { fetchJson } from "@/lib/query/fetch-json";

/**
 * Whose the outbox's items are, as the server sees it. Each queued request names its owner
 * (lib/core/outbox-owner-header.ts) and the server refuses it with anyone else's session (401, as
 * for none); before sending, the page and the service worker ask who is signed in
 * (GET SIGNED_IN_COURIER_PATH, `{ userId }` and nothing more) and send only that user's items.
 */
const SIGNED_IN_COURIER_PATH = "/api/v1/courier/me";

export type SignedIn = { kind: "courier"; userId: string } | { kind: "signed_out" | "other_user" | "unreachable" };

/** The courier signed in on this browser now; another role counts as another user. */
export async function signedInCourier(): Promise<SignedIn> {
  const result = await fetchJson<{ userId?: unknown } | null>(SIGNED_IN_COURIER_PATH, { credentials: "same-origin" });
  if (result.status === 401) return { kind: "signed_out" };
  if (result.status === 403) return { kind: "other_user" };
  if (!result.ok || typeof result.data?.userId !== "string") return { kind: "unreachable" };
  return { kind: "courier", userId: result.data.userId };
}
