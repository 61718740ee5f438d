import { proofFieldsSchema, readProofForm } from "@/lib/courier/http/proof-form";
import { apiRoute, callers, parcelCodeParams } from "@/lib/http/api-route";
import { storedJson } from "@/lib/http/stored-response";
import { runIdempotent } from "@/lib/idempotency/idempotency";
import { created, json } from "@/lib/openapi/parts";
import { deliverWithProof } from "@/lib/parcels/deliver-with-proof";
import { PHOTO_MAX_PIXELS, PHOTO_MAX_SIDE } from "@/lib/parcels/proof-photo";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

const photoField = {
  type: "string",
  format: "binary",
  description: `A JPEG of at most ${PHOTO_MAX_PIXELS / 1_000_000} megapixels, decoded and re-encoded on the server (at most ${PHOTO_MAX_SIDE} px, no EXIF or other metadata); 400 if it does not decode`,
};

/** "Delivered" with its proof, by the assigned courier, once per Idempotency-Key. */
export const POST = apiRoute(
  {
    route: "/api/v1/parcels/[code]/proof",
    callers: callers.courier,
    idempotencyKey: "required",
    params: parcelCodeParams,
    openapi: {
      summary: "Delivered, with a photo (JPEG) and/or the recipient's PIN (the assigned courier)",
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: {
              ...json(proofFieldsSchema),
              properties: { ...json(proofFieldsSchema).properties, photo: photoField },
            },
          },
        },
      },
      responses: created("Delivered, with its proof"),
    },
  },
  async ({ request, caller, params: { code }, idempotencyKey }) => {
    const parsed = await readProofForm(request);
    if (!parsed.ok) return parsed.response;
    const { input, uploaded } = parsed;
    const { db, redis, config } = appDeps();
    // The PIN itself stays out of the remembered request: four digits hash to a lookup table.
    const fingerprint = { code, photo: uploaded, pin: input.pin !== null, at: input.at, place: input.place };
    const result = await runIdempotent(db, `user:${caller.userId}:proof`, idempotencyKey, fingerprint, (tx) =>
      deliverWithProof(tx, { config, redis }, caller, code, input),
    );
    return storedJson(result);
  },
);
