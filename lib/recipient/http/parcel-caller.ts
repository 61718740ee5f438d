import "server-only";
import type { Role } from "@/lib/core/session-user";
import { appDeps } from "@/lib/runtime/app-deps";
import { parseParcelCode } from "@/lib/parcels/code";
import { callerViewer, requireCaller } from "@/lib/parcels/http/caller";
import { notFound } from "@/lib/parcels/http/outcome-response";
import { relationTo, type Relation } from "@/lib/parcels/relation";
import { loadSnapshot, type ParcelSnapshot } from "@/lib/parcels/snapshot";
import type { Viewer } from "@/lib/core/viewer";

export type ParcelCaller = { viewer: Viewer; parcel: ParcelSnapshot; relation: Relation };
export type ParcelCallerCheck = { ok: true; value: ParcelCaller } | { ok: false; response: Response };

/**
 * A signed-in caller (session of one of `roles`, or an API key) and the parcel behind `rawCode`,
 * read from the database (never the cache: these answers decide access). A code that does not
 * exist and a parcel the caller has no business with (`allowed` says which relations may) get
 * the same 404, so the answer confirms nothing to outsiders.
 */
export async function requireParcelCaller(
  request: Request,
  rawCode: string,
  roles: readonly Role[],
  allowed: readonly Relation[],
): Promise<ParcelCallerCheck> {
  const auth = await requireCaller(request, roles);
  if (!auth.ok) return auth;
  const code = parseParcelCode(rawCode);
  const parcel = code ? await loadSnapshot(appDeps().db, code) : null;
  if (!parcel) return { ok: false, response: notFound() };
  const viewer = callerViewer(auth.caller);
  const relation = relationTo(viewer, parcel);
  if (!allowed.includes(relation)) return { ok: false, response: notFound() };
  return { ok: true, value: { viewer, parcel, relation } };
}
