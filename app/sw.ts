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
import { openNoticePage } from "@/lib/core/notification-click";
import { parsePushNotice, PUSH_LANG_MESSAGE, type PushNotice } from "@/lib/core/push-notice";
import { pushNoticeText } from "@/lib/i18n/push-notice-text";
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

// Web Push (lib/notifications): a push holds only a kind, a code's last four characters and the
// page to open; the words are this worker's, in the language a page last told it (kept in a
// cache of its own, since a worker reads no cookies), else the browser's.
const PREFS_CACHE = "exq-prefs";
const LANG_KEY = "/__exq/lang";

async function readerLanguage(notice: PushNotice): Promise<"ko" | "en"> {
  if (notice.lang) return notice.lang;
  const stored = await (await (await caches.open(PREFS_CACHE)).match(LANG_KEY))?.text();
  if (stored === "ko" || stored === "en") return stored;
  return self.navigator.language.toLowerCase().startsWith("en") ? "en" : "ko";
}

async function showNotice(data: PushMessageData | null): Promise<void> {
  let notice: PushNotice | null = null;
  try {
    notice = parsePushNotice(data?.json());
  } catch {
    notice = null;
  }
  // A push must show something (userVisibleOnly); one that is not ours says only the app's name.
  if (!notice) return self.registration.showNotification("EXQRESS", { icon: "/icons/icon-192.png" });
  const lang = await readerLanguage(notice);
  const { title, body } = pushNoticeText(notice, lang);
  await self.registration.showNotification(title, {
    body,
    lang,
    icon: "/icons/icon-192.png",
    badge: "/icons/icon-192.png",
    // One notification per parcel (or for the courier's assignments): a newer one replaces it.
    tag: notice.kind === "assigned" ? "exq-assigned" : `exq-parcel-${notice.codeTail}`,
    data: { path: notice.path },
  });
}

self.addEventListener("push", (event) => event.waitUntil(showNotice(event.data)));

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const path: unknown = (event.notification.data as { path?: unknown } | null)?.path;
  event.waitUntil(openNoticePage(self.clients, self.location.origin, path));
});

self.addEventListener("message", (event) => {
  const message = event.data as { type?: unknown; lang?: unknown } | null;
  if (message?.type !== PUSH_LANG_MESSAGE || (message.lang !== "ko" && message.lang !== "en")) return;
  const lang = message.lang;
  event.waitUntil(caches.open(PREFS_CACHE).then((cache) => cache.put(LANG_KEY, new Response(lang))));
});
