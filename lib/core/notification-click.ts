import { isAppPath } from "./push-notice";

/** The parts of a service worker's `clients` a notification click uses. */
export type WindowClients = {
  matchAll(options: {
    type: "window";
    includeUncontrolled: boolean;
  }): Promise<readonly { url: string; focus(): Promise<unknown> }[]>;
  openWindow(url: string): Promise<unknown>;
};

/**
 * A tap on a notification: focus the window that already shows its page, else open the page.
 * Only a path of this app's own origin is followed: a notification's data never sends anyone elsewhere.
 */
export async function openNoticePage(clients: WindowClients, origin: string, path: unknown): Promise<void> {
  if (!isAppPath(path)) return;
  const url = new URL(path, origin);
  if (url.origin !== origin) return;
  const windows = await clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => client.url === url.href);
  if (open) await open.focus();
  else await clients.openWindow(url.href);
}
