import type { BrowserContext, CDPSession, Page } from "@playwright/test";

/**
 * A DevTools session on `page` and the id of the app's service worker registration, for firing
 * the events a browser fires by itself (a push, a Background Sync) that a test cannot cause.
 */
export async function serviceWorkerRegistration(
  context: BrowserContext,
  page: Page,
  baseURL: string,
): Promise<{ cdp: CDPSession; registrationId: string }> {
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) =>
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const ours = registrations.find((r: { scopeURL: string }) => r.scopeURL === `${baseURL}/`);
      if (ours) resolve(ours.registrationId);
    }),
  );
  await cdp.send("ServiceWorker.enable");
  return { cdp, registrationId: await registrationId };
}
