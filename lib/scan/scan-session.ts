import type { ParcelView } from "@/lib/parcels/parcel-view";

/**
 * A courier's scanning session (continuous mode): each parcel code is taken once, however often
 * the camera sees it, and the list shows each parcel as the server resolved it for the courier's
 * role. Kept in memory only (React state): full personal data is never written to browser storage.
 */
export type ScanEntry =
  | { code: string; status: "resolving" }
  | { code: string; status: "found"; view: ParcelView }
  | { code: string; status: "not_found" | "rate_limited" | "failed" };

export type ScanSession = { readonly entries: readonly ScanEntry[] };

export type Outcome = { kind: "found"; view: ParcelView } | { kind: "not_found" | "rate_limited" | "failed" };

export const emptySession = (): ScanSession => ({ entries: [] });

export function hasScanned(session: ScanSession, code: string): boolean {
  return session.entries.some((entry) => entry.code === code);
}

/** Adds a code at the top of the list, unless this session already has it (then unchanged). */
export function admit(session: ScanSession, code: string): ScanSession {
  if (hasScanned(session, code)) return session;
  return { entries: [{ code, status: "resolving" }, ...session.entries] };
}

/** Records how the server answered for a code that is in the list. */
export function settle(session: ScanSession, code: string, outcome: Outcome): ScanSession {
  const next = (entry: ScanEntry): ScanEntry =>
    outcome.kind === "found"
      ? { code: entry.code, status: "found", view: outcome.view }
      : { code, status: outcome.kind };
  return { entries: session.entries.map((entry) => (entry.code === code ? next(entry) : entry)) };
}

/** Puts a code back to "resolving" for another try (after a network failure or a rate limit). */
export function retry(session: ScanSession, code: string): ScanSession {
  return { entries: session.entries.map((entry) => (entry.code === code ? { code, status: "resolving" } : entry)) };
}

export type SessionAction =
  | { type: "admit"; code: string }
  | { type: "settle"; code: string; outcome: Outcome }
  | { type: "retry"; code: string }
  | { type: "clear" };

/** The reducer the scan screen keeps its session with. */
export function sessionReducer(session: ScanSession, action: SessionAction): ScanSession {
  switch (action.type) {
    case "admit":
      return admit(session, action.code);
    case "settle":
      return settle(session, action.code, action.outcome);
    case "retry":
      return retry(session, action.code);
    case "clear":
      return emptySession();
  }
}
