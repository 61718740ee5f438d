import { describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { lookupWasCharged, markLookupCharged } from "@/lib/http/charged-lookup";
import { chargeLookup, resolveParcel } from "@/lib/parcels/resolve";
import { ANONYMOUS } from "@/lib/core/viewer";
import { appDeps } from "@/lib/runtime/app-deps";
import { createCarrier, createParcel, meta, parcelInput } from "../support/fixtures";

describe("a look-up proxy.ts charges before the page renders", () => {
  it("is charged once: the page's resolve with precharged takes nothing more for a found parcel", async () => {
    const deps = { ...appDeps(), config: { ...env(), RESOLVE_LIMIT_PER_HOUR: 3 } };
    const { code } = await createParcel((await createCarrier()).id, parcelInput(), { status: "registered" });
    const caller = meta();
    for (let i = 0; i < 3; i++) {
      expect((await chargeLookup(deps, ANONYMOUS, caller)).allowed).toBe(true);
      expect((await resolveParcel(deps, ANONYMOUS, code, caller, { precharged: true })).kind).toBe("found");
    }
    const refused = await chargeLookup(deps, ANONYMOUS, caller);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    // The same bucket the page would have charged on its own.
    expect((await resolveParcel(deps, ANONYMOUS, code, caller)).kind).toBe("rate_limited");
  });

  it("is told to the page only by proxy.ts: a receipt a caller makes up is no receipt", () => {
    const headers = new Headers({ "x-exqress-lookup-charged": "made-up" });
    expect(lookupWasCharged(headers)).toBe(false);
    expect(lookupWasCharged(new Headers())).toBe(false);
    markLookupCharged(headers);
    expect(lookupWasCharged(headers)).toBe(true);
  });
});
