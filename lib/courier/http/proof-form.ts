import { createHash } from "node:crypto";
import { z } from "zod";
import { apiError } from "@/lib/http/api-response";
import { readLimited } from "@/lib/http/read-json";
import type { ProofInput } from "@/lib/parcels/deliver-with-proof";
import { PHOTO_MAX_PIXELS, reencodeProofPhoto } from "@/lib/parcels/proof-photo";
import { fieldErrors } from "@/lib/validation/field-errors";

/** The device resizes to at most 1280 px (a few hundred KB); 5 MB leaves room for a camera's own JPEG. */
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const MAX_BODY_BYTES = MAX_PHOTO_BYTES + 16 * 1024;

export const proofFieldsSchema = z.strictObject({
  pin: z
    .string()
    .regex(/^\d{4}$/, "must be 4 digits")
    .optional(),
  at: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time with a time zone" }).optional(),
  place: z.string().trim().min(1).max(100).optional(),
});

const invalid = (fields: Record<string, string[]>) =>
  apiError(400, "invalid_input", "Some fields are not valid.", { fields });
const PHOTO_REFUSALS = {
  unreadable: () =>
    apiError(400, "invalid_photo", "The photo could not be opened as a JPEG image: take it again.", {
      fields: { photo: ["must be a JPEG image"] },
    }),
  too_many_pixels: () =>
    apiError(400, "photo_too_large", "The photo has too many pixels: take it again with the app.", {
      fields: { photo: [`must be at most ${PHOTO_MAX_PIXELS / 1_000_000} megapixels`] },
    }),
};

/**
 * `uploaded` is the digest of the bytes the courier sent, for the Idempotency-Key fingerprint: a
 * retry sends those again byte for byte, while their re-encoding may change with the image library.
 */
type Parsed = { ok: true; input: ProofInput; uploaded: string | null } | { ok: false; response: Response };
type ReadPhoto = { ok: true; photo: ProofInput["photo"]; uploaded: string | null } | { ok: false; response: Response };

async function readPhoto(photo: FormDataEntryValue | undefined): Promise<ReadPhoto> {
  if (photo === undefined) return { ok: true, photo: null, uploaded: null };
  if (!(photo instanceof File)) return { ok: false, response: invalid({ photo: ["must be a file"] }) };
  const bytes = Buffer.from(await photo.arrayBuffer());
  const check = await reencodeProofPhoto(bytes);
  if (!check.ok) return { ok: false, response: PHOTO_REFUSALS[check.problem]() };
  return { ok: true, photo: check.photo, uploaded: createHash("sha256").update(bytes).digest("hex") };
}

/** multipart/form-data with an optional `photo` (a JPEG, decoded and re-encoded here) and `pin`, `at`, `place`. */
export async function readProofForm(request: Request): Promise<Parsed> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    return { ok: false, response: apiError(415, "unsupported_media_type", "Send the proof as multipart/form-data.") };
  }
  const bytes = await readLimited(request, MAX_BODY_BYTES);
  if (bytes === null) {
    return { ok: false, response: apiError(413, "body_too_large", "The photo must be at most 5 MB.") };
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { "content-type": type } }).formData();
  } catch {
    return { ok: false, response: apiError(400, "invalid_body", "The body is not valid multipart/form-data.") };
  }
  const { photo, ...rest } = Object.fromEntries(form.entries());
  const fields = proofFieldsSchema.safeParse(rest);
  if (!fields.success) return { ok: false, response: invalid(fieldErrors(fields.error)) };
  if (photo === undefined && !fields.data.pin)
    return { ok: false, response: invalid({ photo: ["or pin is required"] }) };
  const read = await readPhoto(photo);
  if (!read.ok) return read;
  const { pin, at, place } = fields.data;
  return { ok: true, input: { photo: read.photo, pin: pin ?? null, at, place }, uploaded: read.uploaded };
}
