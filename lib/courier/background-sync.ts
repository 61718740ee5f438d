/**
 * Background Sync for the courier's outbox, where the browser has it (Chromium on Android and
 * desktop; Safari and Firefox do not, and there the page's own triggers in use-outbox.ts remain).
 * The page asks for a one-off sync when a tap could not be sent; the browser fires `sync` in the
 * service worker (app/sw.ts) once it is back online, even with the app closed, and the worker runs
 * the same flush as the page (lib/courier/outbox-flush.ts: same IndexedDB outbox, same Web Lock,
 * same Idempotency-Keys), then tells open pages to refresh their list.
 */
export const OUTBOX_SYNC_TAG = "exqress-outbox";
/** Posted by the worker to its clients after it has sent what waited. */
export const OUTBOX_FLUSHED_MESSAGE = "exqress-outbox-flushed";

type SyncManagerLike = { register(tag: string): Promise<void>; getTags(): Promise<string[]> };
type WithSync = ServiceWorkerRegistration & { sync?: SyncManagerLike };

/** Asks for a sync of the outbox; false where there is no service worker or no Background Sync. */
export async function requestOutboxSync(): Promise<boolean> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return false;
  try {
    const registration = (await navigator.serviceWorker.getRegistration()) as WithSync | undefined;
    if (!registration?.sync) return false;
    await registration.sync.register(OUTBOX_SYNC_TAG);
    return true;
  } catch {
    // Refused (no permission, a private window): the page's own triggers still flush.
    return false;
  }
}

/** Runs `listener` whenever the service worker has flushed the outbox in the background. */
export function onBackgroundFlush(listener: () => void): () => void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return () => {};
  const handler = (event: MessageEvent) => event.data === OUTBOX_FLUSHED_MESSAGE && listener();
  navigator.serviceWorker.addEventListener("message", handler);
  return () => navigator.serviceWorker.removeEventListener("message", handler);
}
