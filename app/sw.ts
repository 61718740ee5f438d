/// <reference lib="webworker" />
/**
 * The service worker (bundled by `serwist build` into public/sw.js, see serwist.config.mjs).
 *
 * It precaches the app shell: Next's static assets, public/ (icons) and the offline page. At run
 * time it keeps one thing: the scanner's WebAssembly decoder (~1 MB, 411 KB gzipped), after the
 * first scan of a browser without a native BarcodeDetector, so a courier scans offline; it is not
 * precached, since most visitors never scan and Android phones never need it. Navigations to public pages go to the network and fall back to
 * the offline page; pages and API responses that can carry personal data (/p/, /parcels, /courier,
 * /admin, /api/) have no route here, so the worker never even sees them: the browser fetches them
 * itself, and they are `no-store` besides (next.config.js).
 */
import {
  CacheFirst,
  ExpirationPlugin,
  NetworkOnly,
  Serwist,
  type PrecacheEntry,
  type RouteMatchCallbackOptions,
  type SerwistGlobalConfig,
} from "serwist";
import { OUTBOX_FLUSH_REQUEST, OUTBOX_FLUSHED_MESSAGE, OUTBOX_SYNC_TAG } from "@/lib/courier/background-sync";
import { flushOutbox } from "@/lib/courier/outbox-flush";
import { ENGINE_PATH } from "@/lib/scan/engine-path";
import { isPrivatePath } from "@/lib/scan/private-paths";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

const OFFLINE_URL = "/~offline";

function isPublicNavigation({ request, url, sameOrigin }: RouteMatchCallbackOptions): boolean {
  return request.mode === "navigate" && sameOrigin && !isPrivatePath(url.pathname);
}

function isScannerEngine({ url, sameOrigin }: RouteMatchCallbackOptions): boolean {
  return sameOrigin && url.pathname.startsWith(ENGINE_PATH);
}

// Versioned file names: a cached copy is never stale, and the newest one pushes out the previous.
const scannerEngine = new CacheFirst({
  cacheName: "exq-scanner-engine",
  plugins: [new ExpirationPlugin({ maxEntries: 1 })],
});

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true },
  // A new build takes over at once: the precache always matches the server's current assets.
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [
    { matcher: isScannerEngine, handler: scannerEngine },
    { matcher: isPublicNavigation, handler: new NetworkOnly() },
  ],
  fallbacks: {
    entries: [{ url: OFFLINE_URL, matcher: ({ request }) => request.mode === "navigate" }],
  },
});

serwist.addEventListeners();

// Background Sync (where the browser has it): the page asks for it when a courier's tap could not be
// sent (lib/courier/background-sync.ts); once back online the browser wakes this worker, even with the
// app closed, and it sends the IndexedDB outbox with the page's own code (same Web Lock, same
// Idempotency-Keys, so a page flushing at the same time changes nothing). It sends only the items of
// the courier signed in now (asked of the server first; outbox-owner.ts). Whatever of theirs is still
// waiting afterwards (offline again, a 5xx) rejects the event, so the browser tries again later with
// backoff; with nobody or someone else signed in no retry can help: the owner's next login sends them.
type SyncEvent = ExtendableEvent & { readonly tag: string };

async function flushOutboxInBackground(): Promise<void> {
  const clients = await self.clients.matchAll({ type: "window" });
  // An open /courier page sends the outbox itself (and sees each answer): one sender at a time.
  const courierPages = clients.filter((client) => new URL(client.url).pathname.startsWith("/courier"));
  if (courierPages.length > 0) {
    for (const page of courierPages) page.postMessage(OUTBOX_FLUSH_REQUEST);
    return;
  }
  const result = await flushOutbox(undefined, () => {}, true);
  for (const client of clients) client.postMessage(OUTBOX_FLUSHED_MESSAGE);
  if (result.outcome === "unreachable" || (result.outcome === "flushed" && result.waiting > 0)) {
    throw new Error("outbox: items still waiting");
  }
}

// "sync" is not in TypeScript's worker event map: the event is typed here.
self.addEventListener("sync", (event: Event) => {
  const sync = event as SyncEvent;
  if (sync.tag === OUTBOX_SYNC_TAG) sync.waitUntil(flushOutboxInBackground());
});
