import { describe, expect, it } from "vitest";
import type { MaskedParcelView } from "@/lib/parcels/parcel-view";
import { admit, emptySession, hasScanned, sessionReducer } from "@/lib/scan/scan-session";

const VIEW: MaskedParcelView = {
  code: "A",
  status: "out_for_delivery",
  carrierName: "EXQ Express",
  itemName: null,
  visibility: "masked",
  expired: false,
  recipient: { name: "홍*동", phone: "010-1234-****", address: "경기도 의정부시 오목로 ***", postalCode: null },
};

describe("a scanning session", () => {
  it("takes each code once, newest first", () => {
    let session = emptySession();
    for (const code of ["A", "B", "A", "A", "C", "B"]) session = admit(session, code);
    expect(session.entries.map((entry) => entry.code)).toEqual(["C", "B", "A"]);
    expect(session.entries.every((entry) => entry.status === "resolving")).toBe(true);
  });

  it("returns the same session for a duplicate, so callers can tell nothing changed", () => {
    const session = admit(emptySession(), "A");
    expect(admit(session, "A")).toBe(session);
    expect(hasScanned(session, "A")).toBe(true);
    expect(hasScanned(session, "B")).toBe(false);
  });

  it("records the server's answer per code, retries and clears", () => {
    let session = sessionReducer(emptySession(), { type: "admit", code: "A" });
    session = sessionReducer(session, { type: "admit", code: "B" });
    session = sessionReducer(session, { type: "settle", code: "A", outcome: { kind: "found", view: VIEW } });
    session = sessionReducer(session, { type: "settle", code: "B", outcome: { kind: "failed" } });
    expect(session.entries).toEqual([
      { code: "B", status: "failed" },
      { code: "A", status: "found", view: VIEW },
    ]);
    session = sessionReducer(session, { type: "retry", code: "B" });
    expect(session.entries[0]).toEqual({ code: "B", status: "resolving" });
    session = sessionReducer(session, { type: "clear" });
    expect(session.entries).toEqual([]);
    // A cleared session is a new session: the same label counts again.
    expect(hasScanned(session, "A")).toBe(false);
  });
});
