import { expect, type BrowserContext, type Page } from "@playwright/test";
import { serviceWorkerRegistration } from "./service-worker-cdp";

/**
 * The courier's device as the tests reach it: the outbox's raw IndexedDB rows, and the service
 * worker's Background Sync. Chromium fires `sync` on real connectivity changes, which a test cannot
 * make; DevTools' ServiceWorker.dispatchSyncEvent fires the same event the browser would.
 */
export type StoredItem = { code: string; status: string; state: string; owner?: string; at: string };

/** Every item in the outbox store, whoever it belongs to, in device-time order. */
export function storedOutbox(page: Page): Promise<StoredItem[]> {
  return page.evaluate(
    () =>
      new Promise<StoredItem[]>((resolve, reject) => {
        const open = indexedDB.open("exqress-courier");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction("outbox").objectStore("outbox").getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve((all.result as StoredItem[]).sort((a, b) => a.at.localeCompare(b.at)));
          };
        };
      }),
  );
}

/** Fires the outbox's `sync` in the service worker, as the browser does once it is back online. */
export async function dispatchOutboxSync(context: BrowserContext, page: Page, baseURL: string): Promise<void> {
  const { cdp, registrationId } = await serviceWorkerRegistration(context, page, baseURL);
  await cdp.send("ServiceWorker.dispatchSyncEvent", {
    origin: baseURL,
    registrationId,
    tag: "exqress-outbox",
    lastChance: false,
  });
}

/** From now on, counts on `page` the worker's "I have been through the outbox" (posted after every sync). */
async function countWorkerFlushes(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { __workerFlushes: number };
    w.__workerFlushes = 0;
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data === "exqress-outbox-flushed") w.__workerFlushes += 1;
    });
  });
  return () => page.evaluate(() => (window as unknown as { __workerFlushes: number }).__workerFlushes);
}

/**
 * The courier closes the app (only a page that never touches the outbox stays open) and the browser
 * fires the outbox's `sync`; resolves with that page once the worker has been through the outbox.
 */
export async function syncWithAppClosed(context: BrowserContext, app: Page, baseURL: string): Promise<Page> {
  const home = await context.newPage();
  await home.goto("/");
  await app.close();
  const flushes = await countWorkerFlushes(home);
  await dispatchOutboxSync(context, home, baseURL);
  await expect.poll(flushes, { timeout: 30_000 }).toBeGreaterThan(0);
  return home;
}
