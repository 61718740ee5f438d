/**
 * What a push tells a device: which kind of news, about which parcel (the last four characters
 * of its code, as printed on the label), and the page to open. Never a name, phone, address,
 * memo, item or message text: the service worker words it in the reader's language
 * (lib/i18n/push-notice-text.ts), and the push service, which forwards it, learns nothing.
 */
export const NOTIFIED_STATUSES = ["out_for_delivery", "delivered", "failed_attempt"] as const;
export type NotifiedStatus = (typeof NOTIFIED_STATUSES)[number];

export type PushNotice =
  | { kind: "status"; status: NotifiedStatus; codeTail: string; path: string; lang?: "ko" | "en" }
  | { kind: "message"; codeTail: string; path: string; lang?: "ko" | "en" }
  /** `count` parcels at once (a selection in the console); codeTail is the first one's. */
  | { kind: "assigned"; count: number; codeTail: string; path: string; lang?: "ko" | "en" };

export const codeTail = (code: string) => code.slice(-4);

/** The owner's page of a parcel, and the courier's list: where a tap on the notification goes. */
export const ownerPath = (code: string) => `/p/${code}`;
export const COURIER_PATH = "/courier";

export function isNotifiedStatus(status: string): status is NotifiedStatus {
  return (NOTIFIED_STATUSES as readonly string[]).includes(status);
}

const TAIL = /^[0-9A-Za-z]{1,8}$/;

/** A same-origin path, never `//host` or `/\host`, which browsers read as another origin. */
export const isAppPath = (path: unknown): path is string =>
  typeof path === "string" && /^\/(?![/\\])[^\s]*$/.test(path) && path.length <= 200;

/** The notice in a push's JSON, or null for anything that is not one of ours. */
export function parsePushNotice(value: unknown): PushNotice | null {
  if (typeof value !== "object" || value === null) return null;
  const { kind, status, codeTail: tail, path, count, lang } = value as Record<string, unknown>;
  if (typeof tail !== "string" || !TAIL.test(tail) || !isAppPath(path)) return null;
  const language: { lang?: "ko" | "en" } = lang === "ko" || lang === "en" ? { lang } : {};
  if (kind === "status" && typeof status === "string" && isNotifiedStatus(status)) {
    return { kind, status, codeTail: tail, path, ...language };
  }
  if (kind === "message") return { kind: "message", codeTail: tail, path, ...language };
  if (kind === "assigned" && typeof count === "number" && Number.isInteger(count) && count > 0) {
    return { kind, count, codeTail: tail, path, ...language };
  }
  return null;
}

/** A page tells the service worker the reader's language: `{ type: PUSH_LANG_MESSAGE, lang }`. */
export const PUSH_LANG_MESSAGE = "exqress-push-lang";
