import { apiRoute, callers, parcelCodeParams } from "@/lib/http/api-route";
import { apiError } from "@/lib/http/api-response";
import { requestMeta } from "@/lib/http/request-meta";
import { errors } from "@/lib/openapi/parts";
import { readProofPhoto } from "@/lib/recipient/delivery-proof";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

/**
 * The delivery photo, for the owning recipient or an admin of the parcel's carrier (audited), nobody
 * else: couriers 403, API keys 403 (a person looks at a photo; carriers' systems have no use for it),
 * other recipients and carriers the same 404 as an unknown code. `private, no-store`: no browser,
 * proxy or service worker keeps it.
 */
export const GET = apiRoute(
  {
    route: "/api/v1/parcels/[code]/proof/photo",
    callers: callers.roles("recipient", "admin"),
    params: parcelCodeParams,
    parcel: ["owner", "carrier_staff"],
    openapi: {
      summary: "The delivery photo (the owning recipient, or an admin of the carrier: audited); private, no-store",
      responses: { "200": { description: "JPEG", content: { "image/jpeg": {} } }, ...errors },
    },
  },
  async ({ request, parcel: { viewer, parcel } }) => {
    if (viewer.kind !== "recipient" && viewer.kind !== "admin") {
      return apiError(403, "forbidden", "Only the recipient and the carrier's admins see the delivery photo.");
    }
    const photo = await readProofPhoto(appDeps(), viewer, parcel.id, requestMeta(request.headers));
    if (!photo) return apiError(404, "no_photo", "No delivery photo was taken for this parcel.");
    return new Response(new Uint8Array(photo.bytes), {
      headers: {
        "Content-Type": photo.contentType,
        "Content-Length": String(photo.bytes.length),
        "Cache-Control": "private, no-store",
        "Content-Disposition": `inline; filename="delivery-${parcel.code}.jpg"`,
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
