import { describe, expect, it } from "vitest";
import { hasRole, sessionUserOf, viewerOf } from "@/lib/core/session-user";

const base = { jti: "j", userId: "u" };

describe("session users are typed by role", () => {
  it("a courier or admin without a carrier is no session at all", () => {
    for (const role of ["courier", "admin"] as const) {
      expect(sessionUserOf({ ...base, role, carrierId: null, phoneHash: null })).toBeNull();
    }
  });

  it("a recipient never carries a carrier, and staff never a phone hash, whatever was stored", () => {
    expect(sessionUserOf({ ...base, role: "recipient", carrierId: "c", phoneHash: "h" })).toEqual({
      ...base,
      role: "recipient",
      carrierId: null,
      phoneHash: "h",
    });
    expect(sessionUserOf({ ...base, role: "admin", carrierId: "c", phoneHash: "h" })).toEqual({
      ...base,
      role: "admin",
      carrierId: "c",
      phoneHash: null,
    });
  });

  it("hasRole admits exactly the listed roles, and viewerOf keeps the carrier of staff", () => {
    const courier = sessionUserOf({ ...base, role: "courier", carrierId: "c", phoneHash: null });
    if (!courier) throw new Error("a courier with a carrier is a session");
    expect(hasRole(courier, ["courier"])).toBe(true);
    expect(hasRole(courier, ["admin", "recipient"])).toBe(false);
    expect(viewerOf(courier)).toEqual({ kind: "courier", userId: "u", carrierId: "c" });
  });
});
