import { proofFieldsSchema } from "@/lib/courier/http/proof-handler";
import { PHOTO_MAX_PIXELS, PHOTO_MAX_SIDE } from "@/lib/parcels/proof-photo";
import { messageInputSchema } from "@/lib/messages/thread";
import { assignmentSchema } from "@/lib/parcels/assignment";
import { myParcelsFilterSchema } from "@/lib/recipient/my-parcels";
import { reportListQuerySchema } from "@/lib/reports/http/reports-handler";
import { reportInputSchema } from "@/lib/reports/report-input";
import { code, content, errors, idempotency, json, queryParameters } from "./parts";

const ok = (description: string) => ({ "200": { description }, ...errors });
const created = (description: string) => ({ "201": { description }, ...errors });

const proofPhotoField = {
  type: "string",
  format: "binary",
  description: `A JPEG of at most ${PHOTO_MAX_PIXELS / 1_000_000} megapixels, decoded and re-encoded on the server (at most ${PHOTO_MAX_SIDE} px, no EXIF or other metadata); 400 if it does not decode`,
};

/** The courier's and the recipient's routes, and the carrier's side of them (assignment, reports). */
export const peoplePaths = {
  "/api/v1/parcels/{code}/assignment": {
    post: {
      summary: "Assign the parcel to a courier of its carrier, or unassign it (API key or admin session)",
      parameters: [code],
      requestBody: { required: true, content: content(assignmentSchema) },
      responses: ok("The assignment, effective at once"),
    },
  },
  "/api/v1/parcels/{code}/claim": {
    post: {
      summary: "A courier takes an unassigned parcel by scanning it, when the carrier allows it",
      parameters: [code],
      responses: ok("Claimed"),
    },
  },
  "/api/v1/parcels/{code}/proof": {
    post: {
      summary: "Delivered, with a photo (JPEG) and/or the recipient's PIN (the assigned courier)",
      parameters: [code, idempotency],
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: {
              ...json(proofFieldsSchema),
              properties: { ...json(proofFieldsSchema).properties, photo: proofPhotoField },
            },
          },
        },
      },
      responses: created("Delivered, with its proof"),
    },
  },
  "/api/v1/parcels/{code}/proof/photo": {
    get: {
      summary: "The delivery photo (the owning recipient, or an admin of the carrier: audited); private, no-store",
      parameters: [code],
      responses: { "200": { description: "JPEG", content: { "image/jpeg": {} } }, ...errors },
    },
  },
  "/api/v1/courier/parcels": {
    get: { summary: "The courier's active parcels, masked, with their next statuses", responses: ok("The list") },
  },
  "/api/v1/courier/me": {
    get: {
      summary: "Whose courier session this is, `{ userId }` only: the offline outbox sends that user's items alone",
      responses: ok("The signed-in courier's user id"),
    },
  },
  "/api/v1/courier/parcels/{code}": {
    get: { summary: "One scanned parcel of the courier's carrier", parameters: [code], responses: ok("The parcel") },
  },
  "/api/v1/courier/parcels/{code}/address": {
    post: {
      summary: "The full address while the delivery is active (the assigned courier; audited)",
      parameters: [code],
      responses: ok("The address"),
    },
  },
  "/api/v1/me/parcels": {
    get: {
      summary: "The recipient's parcels from every carrier, newest first",
      parameters: queryParameters(myParcelsFilterSchema),
      responses: ok("The list"),
    },
  },
  "/api/v1/parcels/{code}/disclosures": {
    get: {
      summary: "Every full view of the parcel (the owner, or the carrier's admins and API keys)",
      parameters: [code],
      responses: ok("The disclosures"),
    },
  },
  "/api/v1/parcels/{code}/reports": {
    post: {
      summary: "I found this parcel (anyone, throttled per IP), not mine or return it (the owner)",
      parameters: [code],
      requestBody: { required: true, content: content(reportInputSchema) },
      responses: created("The report's reference"),
    },
  },
  "/api/v1/reports": {
    get: {
      summary: "The carrier's reports, newest first (API key or admin session)",
      parameters: queryParameters(reportListQuerySchema),
      responses: ok("The reports"),
    },
  },
  "/api/v1/parcels/{code}/messages": {
    get: { summary: "The thread (the owner or the assigned courier)", parameters: [code], responses: ok("The thread") },
    post: {
      summary: "Send a message while the delivery is active",
      parameters: [code],
      requestBody: { required: true, content: content(messageInputSchema) },
      responses: created("Sent"),
    },
  },
  "/api/v1/parcels/{code}/purge": {
    post: {
      summary: "The owner purges the parcel's personal data now (delivered or returned only)",
      parameters: [code],
      responses: ok("Purged"),
    },
  },
};
