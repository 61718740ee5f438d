import { z } from "zod";

/** Pieces of the OpenAPI document that every path uses: zod schemas as JSON Schema 2020-12. */
export const json = (schema: z.ZodType) => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  void _drop;
  return rest;
};

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
});
export const registeredSchema = z.object({ code: z.string(), url: z.string(), status: z.literal("registered") });
export const importStatusSchema = z.object({
  status: z.enum(["running", "done", "failed"]),
  total: z.number().int(),
  processed: z.number().int(),
  imported: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
});

export const content = (schema: z.ZodType) => ({ "application/json": { schema: json(schema) } });
export const errors = {
  "400": { description: "Invalid input; the offending fields are named", content: content(errorSchema) },
  "401": { description: "No valid API key or session", content: content(errorSchema) },
  "403": { description: "The caller's role may not do this", content: content(errorSchema) },
  "404": { description: "Unknown, or not the caller's carrier's", content: content(errorSchema) },
};
export const queryParameters = (schema: z.ZodObject) =>
  Object.entries(json(schema).properties ?? {}).map(([name, property]) => ({ name, in: "query", schema: property }));
export const ok = (description: string) => ({ "200": { description }, ...errors });
export const created = (description: string) => ({ "201": { description }, ...errors });
export const pdf = { "200": { description: "PDF", content: { "application/pdf": {} } }, ...errors };

// The carrier's postal-code rules (edited in the console, lib/postal-rules) apply to every new parcel.
export const POSTAL_RULES =
  "A parcel with a postalCode goes to the courier of the carrier's postal-code rule with the longest matching prefix, if any.";
