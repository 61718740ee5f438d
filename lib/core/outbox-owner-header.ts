/**
 * The header by which a courier's queued update names the user who tapped it: the server refuses it
 * with anyone else's session (lib/http/caller.ts), so it waits for its owner
 * (lib/courier/outbox-owner.ts).
 */
export const OUTBOX_OWNER_HEADER = "outbox-owner";
