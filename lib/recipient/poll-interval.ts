/** Live but cheap: every 5 s while the screen is on, once a minute while the tab is hidden. */
const VISIBLE_POLL_MS = 5_000;
const HIDDEN_POLL_MS = 60_000;

export function pollInterval(): number {
  return typeof document !== "undefined" && document.visibilityState === "hidden" ? HIDDEN_POLL_MS : VISIBLE_POLL_MS;
}
