import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { reports } from "@/db/schema";
import { createReport } from "@/lib/reports/create-report";
import { handleReport, handleReportSchema } from "@/lib/reports/handle-report";
import { INBOX_PAGE, listReportInbox } from "@/lib/reports/list-reports";
import { appDeps } from "@/lib/runtime/app-deps";
import { createCarrier, createParcel, createStaff, meta, parcelInput } from "../support/fixtures";

const CONTACT = "finder-inbox@example.com";

async function found(code: string, place: string, contact?: string): Promise<string> {
  const body = { kind: "found", place, ...(contact ? { contact } : {}) };
  const outcome = await createReport(appDeps(), { kind: "anonymous" }, code, body, meta());
  if (outcome.kind !== "created") throw new Error(`report not created: ${outcome.kind}`);
  return outcome.reference;
}

describe("the carrier's reports inbox", () => {
  let mine: { userId: string; carrierId: string };
  let theirs: { userId: string; carrierId: string };
  let withContact: string;
  beforeAll(async () => {
    mine = await createStaff("admin", (await createCarrier()).id);
    theirs = await createStaff("admin", (await createCarrier()).id);
    const parcel = await createParcel(mine.carrierId, parcelInput(), { status: "in_transit" });
    withContact = await found(parcel.code, "경비실 앞", CONTACT);
    for (let i = 0; i < INBOX_PAGE; i++) await found(parcel.code, `place ${i}`);
    const theirParcel = await createParcel(theirs.carrierId, parcelInput(), { status: "in_transit" });
    await found(theirParcel.code, "their place", "their-finder@example.com");
  });

  it("pages by keyset through the carrier's reports, with the finder's contact decrypted", async () => {
    const { db, config } = appDeps();
    const first = await listReportInbox(db, config, mine.carrierId, {});
    expect(first.rows).toHaveLength(INBOX_PAGE);
    expect(first.next).not.toBeNull();
    const second = await listReportInbox(db, config, mine.carrierId, { after: first.next! });
    expect(second.next).toBeNull();
    const all = [...first.rows, ...second.rows];
    expect(new Set(all.map((r) => r.reference)).size).toBe(INBOX_PAGE + 1);
    expect(all.find((r) => r.reference === withContact)).toMatchObject({ contact: CONTACT, status: "new" });
    // Stored encrypted: the clear contact is nowhere in the row.
    const [row] = await db.select().from(reports).where(eq(reports.reference, withContact));
    expect(row!.contactCiphertext!.toString("latin1")).not.toContain("finder-inbox");
  });

  it("marks a report handled with a note, filters by status, and reopens it", async () => {
    const { db, config } = appDeps();
    expect(await handleReport(db, mine, { reference: withContact, status: "handled", note: "기사님이 회수함" })).toBe(
      true,
    );
    const handled = await listReportInbox(db, config, mine.carrierId, { status: "handled" });
    expect(handled.rows).toHaveLength(1);
    expect(handled.rows[0]).toMatchObject({ reference: withContact, status: "handled", note: "기사님이 회수함" });
    expect(handled.rows[0]!.handledAt).not.toBeNull();
    expect(handled.rows[0]!.handledBy).toMatch(/@test\.local$/);
    const fresh = await listReportInbox(db, config, mine.carrierId, { status: "new" });
    expect(fresh.rows.map((r) => r.reference)).not.toContain(withContact);

    await handleReport(db, mine, { reference: withContact, status: "new" });
    const [row] = await db.select().from(reports).where(eq(reports.reference, withContact));
    expect(row).toMatchObject({ status: "new", note: null, handledAt: null, handledBy: null });
  });

  it("an admin of carrier B neither reads nor changes carrier A's reports", async () => {
    const { db, config } = appDeps();
    const theirInbox = await listReportInbox(db, config, theirs.carrierId, {});
    expect(theirInbox.rows).toHaveLength(1);
    expect(JSON.stringify(theirInbox)).not.toContain(CONTACT);
    expect(JSON.stringify(theirInbox)).not.toContain(withContact);
    expect(await handleReport(db, theirs, { reference: withContact, status: "handled", note: "not yours" })).toBe(
      false,
    );
    const [row] = await db.select().from(reports).where(eq(reports.reference, withContact));
    expect(row).toMatchObject({ status: "new", note: null });
  });

  it("validates the admin's input", () => {
    const valid = (input: unknown) => handleReportSchema.safeParse(input).success;
    expect(valid({ reference: withContact, status: "handled", note: "ok" })).toBe(true);
    expect(valid({ reference: withContact, status: "done" })).toBe(false);
    expect(valid({ reference: "R-1", status: "new" })).toBe(false);
    expect(valid({ reference: withContact, status: "new", note: "a\u202Eb" })).toBe(false);
    expect(valid({ reference: withContact, status: "new", note: "x".repeat(501) })).toBe(false);
  });
});
