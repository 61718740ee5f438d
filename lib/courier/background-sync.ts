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
/** Posted by the worker to open /courier pages: they send it themselves (one sender, no lock race). */
export const OUTBOX_FLUSH_REQUEST = "exqress-outbox-flush";

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

/** Hears the service worker: it flushed the outbox (`flushed`), or asks this page to (`flush`). */
export function onWorkerMessage(listeners: { flushed: () => void; flush: () => void }): () => void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return () => {};
  const handler = (event: MessageEvent) => {
    if (event.data === OUTBOX_FLUSHED_MESSAGE) listeners.flushed();
    if (event.data === OUTBOX_FLUSH_REQUEST) listeners.flush();
  };
  navigator.serviceWorker.addEventListener("message", handler);
  return () => navigator.serviceWorker.removeEventListener("message", handler);
}
