import { z } from "zod";
import { consolePaths } from "./console-paths";
import { peoplePaths } from "./people-paths";
import {
  code,
  content,
  errors,
  idempotency,
  importStatusSchema,
  json,
  queryParameters,
  registeredSchema,
} from "./parts";
import { importQuerySchema } from "@/lib/imports/http/imports-handler";
import { sheetSchema } from "@/lib/parcels/http/label-handler";
import { batchInputSchema, parcelInputSchema } from "@/lib/parcels/parcel-input";
import { statusEventSchema } from "@/lib/parcels/record-event";

// The carrier's postal-code rules (edited in the console, lib/postal-rules) apply to every new parcel.
const POSTAL_RULES =
  "A parcel with a postalCode goes to the courier of the carrier's postal-code rule with the longest matching prefix, if any.";

/**
 * The OpenAPI 3.1 description of /api/v1, built from the zod schemas the handlers validate
 * with (z.toJSONSchema, JSON Schema 2020-12 as OpenAPI 3.1 uses), so the document cannot
 * drift from what the server accepts. Answers are described here; they are DTOs built in lib/.
 */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "EXQRESS carrier API",
      version: "1",
      description: "Register parcels, print labels, import CSV files. Errors: `{ error: { code, message, fields? } }`.",
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }, { session: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "Authorization: Bearer <api key>" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
    paths: {
      "/api/v1/parcels": {
        post: {
          summary: "Register one parcel (API key)",
          description: POSTAL_RULES,
          parameters: [idempotency],
          requestBody: { required: true, content: content(parcelInputSchema) },
          responses: { "201": { description: "Registered", content: content(registeredSchema) }, ...errors },
        },
      },
      "/api/v1/parcels/batch": {
        post: {
          summary: "Register up to 10,000 parcels, all or nothing (API key)",
          description: POSTAL_RULES,
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  ...json(batchInputSchema),
                  properties: { parcels: { type: "array", maxItems: 10_000, items: json(parcelInputSchema) } },
                },
              },
            },
          },
          responses: {
            "201": {
              description: "Codes in input order",
              content: content(z.object({ parcels: z.array(registeredSchema) })),
            },
            ...errors,
          },
        },
      },
      "/api/v1/parcels/{code}": {
        get: {
          summary: "The view the caller's role allows",
          parameters: [code],
          responses: { "200": { description: "A masked or full view" }, ...errors },
        },
      },
      "/api/v1/parcels/{code}/events": {
        post: {
          summary: "A status change (courier session or API key)",
          parameters: [code, idempotency],
          requestBody: { required: true, content: content(statusEventSchema) },
          responses: { "201": { description: "Recorded" }, ...errors },
        },
      },
      "/api/v1/parcels/{code}/label.pdf": {
        get: {
          summary: "A printable label (API key or admin session)",
          parameters: [code, { name: "size", in: "query", schema: { type: "string", enum: ["4x6", "a6"] } }],
          responses: { "200": { description: "PDF", content: { "application/pdf": {} } }, ...errors },
        },
      },
      "/api/v1/parcels/{code}/reissue": {
        post: {
          summary: "A new code; the old one answers 404 from then on (API key)",
          parameters: [code],
          responses: { "201": { description: "The new code" }, ...errors },
        },
      },
      "/api/v1/labels": {
        post: {
          summary:
            "One PDF of labels for the given parcels: A4 sheets of four, or 4x6 / A6 singles (API key or admin session)",
          requestBody: { required: true, content: content(sheetSchema) },
          responses: { "200": { description: "PDF", content: { "application/pdf": {} } }, ...errors },
        },
      },
      "/api/v1/imports": {
        post: {
          summary: "Import a CSV file as a job (API key or admin session)",
          description:
            "Columns (header row, Korean or English): name/이름, phone/전화번호, address/주소, addressDetail/상세주소, postalCode/우편번호, memo/메모, itemName/품목, reference/참조. Rows are numbered from 1 after the header.",
          parameters: queryParameters(importQuerySchema),
          requestBody: { required: true, content: { "text/csv": { schema: { type: "string" } } } },
          responses: { "202": { description: "Queued", content: content(z.object({ id: z.uuid() })) }, ...errors },
        },
      },
      "/api/v1/imports/{id}": {
        get: {
          summary: "An import's progress and errors",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: { "200": { description: "State", content: content(importStatusSchema) }, ...errors },
        },
      },
      ...peoplePaths,
      ...consolePaths,
    },
  };
}
