"use server";

import { z } from "zod";
import { authAction } from "@/lib/actions/auth-action";
import { failure, ok } from "@/lib/core/result";
import { IMPORT_ENCODINGS } from "./encoding";
import { previewCsv } from "./preview";

const SAMPLE_BYTES = 64 * 1024;

/**
 * The import screen's preview: the file's first 64 KiB (base64) → its first rows with their
 * errors. The rows are the admin's own file, sent back to the browser that holds it.
 */
export const previewImportAction = authAction(
  ["admin"],
  z.object({
    sample: z.base64().max(Math.ceil(SAMPLE_BYTES / 3) * 4 + 4),
    encoding: z.enum(IMPORT_ENCODINGS).optional(),
  }),
  async ({ sample, encoding }) => {
    try {
      return ok(previewCsv(Buffer.from(sample, "base64"), encoding));
    } catch {
      return failure("invalid_input", "This file could not be read as CSV.");
    }
  },
);
