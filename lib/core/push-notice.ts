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
