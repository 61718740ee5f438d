import { apiJson } from "@/lib/http/api-response";
import { appDeps } from "@/lib/runtime/app-deps";
import { requestMeta } from "@/lib/http/request-meta";
import { claimParcel } from "@/lib/parcels/assignment";
import { parseParcelCode } from "@/lib/parcels/code";
import { notFound, outcomeResponse } from "@/lib/parcels/http/outcome-response";
import { chargedLookup } from "@/lib/parcels/resolve";
import { listCourierParcels, scannedParcel } from "../parcels";
import { revealAddress } from "../reveal";
import { requireCourier, storedResponse } from "./courier-caller";

/** GET /api/v1/courier/parcels: the courier's active parcels, masked, with their next statuses. */
export async function courierListHandler(request: Request): Promise<Response> {
  const auth = await requireCourier(request);
  if (!auth.ok) return auth.response;
  return apiJson({ parcels: await listCourierParcels(appDeps().db, auth.caller) });
}

/**
 * GET /api/v1/courier/me: whose session this is, `{ userId }` and nothing more, so the offline outbox
 * (the page and the service worker) sends only the signed-in courier's own items (outbox-owner.ts).
 */
export async function courierMeHandler(request: Request): Promise<Response> {
  const auth = await requireCourier(request);
  if (!auth.ok) return auth.response;
  return apiJson({ userId: auth.caller.userId });
}

/** GET /api/v1/courier/parcels/{code}: one scanned parcel as this courier may see it, on the lookup budget. */
export async function courierScanHandler(request: Request, rawCode: string): Promise<Response> {
  const auth = await requireCourier(request);
  if (!auth.ok) return auth.response;
  const deps = appDeps();
  const code = parseParcelCode(rawCode);
  // Another carrier's parcel is not found here, so it costs what an unknown code costs.
  const find = async () => (code ? scannedParcel(deps.db, auth.caller, code) : null);
  return outcomeResponse(await chargedLookup(deps, auth.caller, requestMeta(request.headers), find));
}

/** POST /api/v1/courier/parcels/{code}/address: the full address while delivering, audited per reveal. */
export async function revealHandler(request: Request, rawCode: string): Promise<Response> {
  const auth = await requireCourier(request);
  if (!auth.ok) return auth.response;
  const code = parseParcelCode(rawCode);
  if (!code) return notFound();
  return storedResponse(await revealAddress(appDeps(), auth.caller, code, requestMeta(request.headers)));
}

/** POST /api/v1/parcels/{code}/claim: take an unassigned parcel, when the carrier allows it. */
export async function claimHandler(request: Request, rawCode: string): Promise<Response> {
  const auth = await requireCourier(request);
  if (!auth.ok) return auth.response;
  const code = parseParcelCode(rawCode);
  if (!code) return notFound();
  return storedResponse(await claimParcel(appDeps(), auth.caller, code));
}
