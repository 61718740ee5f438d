import { PUSH_LANG_MESSAGE } from "@/lib/core/push-notice";
import { detectPlatform } from "./install-prompt-store";

/** What this browser can do about notifications, before anyone asks it. */
export type PushState = "unsupported" | "ios-home-screen" | "blocked" | "on" | "off";

const SUBSCRIPTIONS = "/api/v1/me/push-subscriptions";

function supported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** The service worker's push subscription, if the worker is there at all. */
async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration();
  return (await registration?.pushManager.getSubscription()) ?? null;
}

const send = (method: "POST" | "DELETE", body: unknown) =>
  fetch(SUBSCRIPTIONS, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

/**
 * The state shown on load. A browser already subscribed tells the server again, so a device whose
 * row went (a logout elsewhere in the browser, an expired endpoint) hears the news again.
 */
export async function readPushState(): Promise<PushState> {
  // iOS shows web notifications only to an app added to the Home Screen.
  if (detectPlatform() === "ios") return "ios-home-screen";
  if (!supported()) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  const subscription = Notification.permission === "granted" ? await currentSubscription() : null;
  if (!subscription) return "off";
  return (await send("POST", subscription.toJSON())).ok ? "on" : "off";
}

/** The worker words notifications in the language the reader chose on the site. */
export async function tellWorkerLanguage(lang: string): Promise<void> {
  if (!("serviceWorker" in navigator)) return;
  const registration = await navigator.serviceWorker.getRegistration();
  registration?.active?.postMessage({ type: PUSH_LANG_MESSAGE, lang });
}

async function publicKey(): Promise<Uint8Array<ArrayBuffer>> {
  const response = await fetch("/api/push/public-key");
  if (!response.ok) throw new Error("no VAPID key");
  const { publicKey: key } = (await response.json()) as { publicKey: string };
  const base64 = key.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

/** Asks permission, subscribes with the server's VAPID key and registers the subscription. */
export async function turnPushOn(): Promise<PushState> {
  if ((await Notification.requestPermission()) !== "granted") {
    return Notification.permission === "denied" ? "blocked" : "off";
  }
  const registration = await navigator.serviceWorker.ready;
  const applicationServerKey = await publicKey();
  // A subscription made with another key (the server's keys changed) cannot be reused.
  await (await registration.pushManager.getSubscription())?.unsubscribe();
  const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
  if ((await send("POST", subscription.toJSON())).ok) return "on";
  await subscription.unsubscribe();
  throw new Error("the server refused the subscription");
}

/** Stops this browser's notifications: on the server, then in the browser. */
export async function turnPushOff(): Promise<PushState> {
  const subscription = supported() ? await currentSubscription() : null;
  if (subscription) {
    await send("DELETE", { endpoint: subscription.endpoint }).catch(() => undefined);
    await subscription.unsubscribe();
  }
  return "off";
}
