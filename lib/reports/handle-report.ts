import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { reports, reportStatus } from "@/db/schema";
import { freeText } from "@/lib/validation/free-text";

/** What an admin changes on a report: its status, and a note for the office (empty clears it). */
export const handleReportSchema = z.strictObject({
  reference: z.string().regex(/^R-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/, "must be a report reference"),
  status: z.enum(reportStatus, { error: `must be one of ${reportStatus.join(", ")}` }),
  note: z.preprocess((value) => (value === "" ? undefined : value), freeText(500).optional()),
});
export type HandleReportInput = z.output<typeof handleReportSchema>;

/**
 * Sets a report's status and note, only when the report is the admin's carrier's: another
 * carrier's reference changes nothing and answers like an unknown one (false).
 */
export async function handleReport(
  db: Database,
  admin: { userId: string; carrierId: string },
  input: HandleReportInput,
  now = new Date(),
): Promise<boolean> {
  const handled = input.status === "handled";
  const rows = await db
    .update(reports)
    .set({
      status: input.status,
      note: input.note ?? null,
      handledAt: handled ? now : null,
      handledBy: handled ? admin.userId : null,
    })
    .where(and(eq(reports.reference, input.reference), eq(reports.carrierId, admin.carrierId)))
    .returning({ id: reports.id });
  return rows.length === 1;
}
