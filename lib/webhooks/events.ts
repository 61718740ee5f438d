/** The events a webhook endpoint may subscribe to. */
export const WEBHOOK_EVENTS = ["parcel.status_changed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
