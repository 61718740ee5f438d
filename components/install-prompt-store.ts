/**
 * The browser's install offer (`beforeinstallprompt`, Chromium on Android and desktop), kept from
 * the moment this module loads so the install button on / can use it even when the event fired
 * on another page. Imported on every page by InstallPromptCapture in the root layout.
 */
type InstallChoice = { outcome: "accepted" | "dismissed" };
type BeforeInstallPromptEvent = Event & { prompt(): Promise<void>; userChoice: Promise<InstallChoice> };

let deferred: BeforeInstallPromptEvent | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

if (typeof window !== "undefined") {
  window.addEventListener("beforeinstallprompt", (event) => {
    // Our own button replaces the browser's mini-infobar, which covers the bottom of the screen.
    event.preventDefault();
    deferred = event as BeforeInstallPromptEvent;
    emit();
  });
  window.addEventListener("appinstalled", () => {
    deferred = null;
    emit();
  });
}

export function subscribeInstallPrompt(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const installPromptAvailable = (): boolean => deferred !== null;

/** Shows the browser's install dialog; an offer can be used once, so it is dropped either way. */
export async function promptInstall(): Promise<boolean> {
  const offer = deferred;
  if (!offer) return false;
  deferred = null;
  emit();
  await offer.prompt();
  return (await offer.userChoice).outcome === "accepted";
}

export type InstallPlatform = "installed" | "ios" | "other" | "unknown";

/** Already installed (running standalone), iOS (no install event: Share → Add to Home Screen), or other. */
export function detectPlatform(): InstallPlatform {
  const navigatorStandalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  if (navigatorStandalone || window.matchMedia("(display-mode: standalone)").matches) return "installed";
  // iPadOS reports itself as a Mac; a touch screen gives it away.
  const ios =
    /iPhone|iPad|iPod/.test(navigator.userAgent) ||
    (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1);
  return ios ? "ios" : "other";
}
