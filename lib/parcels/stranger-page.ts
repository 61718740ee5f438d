import { createHash } from "node:crypto";
import type { RequestMeta } from "@/lib/core/request-meta";
import type { Locale } from "@/lib/i18n/locale";
import type { MaskedParcelView } from "./parcel-view";
import { resolveParcel, strangerViewUncharged, type ResolveDeps } from "./resolve";
import { ANONYMOUS } from "@/lib/core/viewer";

/**
 * A stranger's scan (no session cookie) is charged and resolved here, from proxy.ts, and then
 * rewritten to a page whose path holds everything its HTML depends on: the language, the code
 * and a hash of the masked view. Next.js renders each such path once and serves it from its
 * cache after that; a status change, reissue or purge changes the view, so the next scan lands
 * on a new path and no cache ever needs invalidating, on any replica. Only masked views reach
 * these paths: a full view is never rendered there, so never stored.
 */
export const STRANGER_VIEW_PREFIX = "/stranger-view";

export type StrangerScan = { kind: "rewrite"; path: string } | { kind: "rate_limited"; retryAfterSeconds: number };

/** 128 bits of the view's SHA-256: the cache key part that changes whenever anything shown changes. */
export function strangerViewKey(view: MaskedParcelView): string {
  return createHash("sha256").update(JSON.stringify(view)).digest("base64url").slice(0, 22);
}

export function strangerViewPath(locale: Locale, view: MaskedParcelView): string {
  return `${STRANGER_VIEW_PREFIX}/${locale}/${view.code}/${strangerViewKey(view)}`;
}

/** Unknown and malformed codes land on the same not-found page, after the same charge. */
export const unknownCodePath = (locale: Locale) => `${STRANGER_VIEW_PREFIX}/${locale}/unknown-code`;

export async function routeStrangerScan(
  deps: ResolveDeps,
  rawCode: string,
  meta: RequestMeta,
  locale: Locale,
): Promise<StrangerScan> {
  const outcome = await resolveParcel(deps, ANONYMOUS, rawCode, meta);
  if (outcome.kind === "rate_limited") return outcome;
  if (outcome.kind === "not_found") return { kind: "rewrite", path: unknownCodePath(locale) };
  if (outcome.view.visibility !== "masked") throw new Error("a stranger was resolved to a full view");
  return { kind: "rewrite", path: strangerViewPath(locale, outcome.view) };
}

/**
 * A kept path whose view is not the parcel's when its page is rendered (a change landed between
 * proxy.ts's look-up and the render, or the code is gone). Thrown rather than answered with the
 * page's not-found: Next.js would keep that not-found for the path, and a view can come back
 * (a failed attempt, then out for delivery again), so every stranger would then be told a real
 * parcel does not exist. A render that throws is answered once with an error and never kept;
 * the next scan resolves the view afresh.
 */
export class StaleStrangerView extends Error {
  constructor() {
    super("The parcel's view changed while its page was rendered");
  }
}

/**
 * What a kept page shows: the view its path names, and nothing else. proxy.ts keeps these paths
 * from being asked for by URL; this keeps them from being a lookup of their own if it ever did
 * not: any other key, of a code that exists or not, gets the same error.
 */
export async function viewForStrangerPath(deps: ResolveDeps, code: string, viewKey: string): Promise<MaskedParcelView> {
  const view = await strangerViewUncharged(deps, code);
  if (view && strangerViewKey(view) === viewKey) return view;
  throw new StaleStrangerView();
}
