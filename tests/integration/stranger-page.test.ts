import { describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { resolveParcel, strangerViewUncharged } from "@/lib/parcels/resolve";
import {
  routeStrangerScan,
  StaleStrangerView,
  strangerViewKey,
  strangerViewPath,
  unknownCodePath,
  viewForStrangerPath,
} from "@/lib/parcels/stranger-page";
import { ANONYMOUS } from "@/lib/core/viewer";
import { appDeps } from "@/lib/runtime/app-deps";
import { api } from "../support/api";
import { createApiKey, createCarrier, createParcel, meta, parcelInput } from "../support/fixtures";

/**
 * A stranger's scan is charged and resolved once (proxy.ts), then rewritten to a path
 * naming the exact masked view, which Next.js renders once and keeps. These are the invariants
 * that make that cache safe without any invalidation.
 */
// The app's own Redis: the snapshot cache must be the one the event route forgets.
const deps = appDeps;
const PLAINTEXT = ["홍길동", "150", "211동", "1203호", "문 앞에"];

async function knownParcel() {
  const carrier = await createCarrier();
  const { key } = await createApiKey(carrier.id);
  const parcel = await createParcel(carrier.id, parcelInput(), { status: "registered" });
  return { code: parcel.code, key };
}

describe("a stranger's scan", () => {
  it("is rewritten to a path naming the masked view, which the page renders again uncharged", async () => {
    const { code } = await knownParcel();
    const scan = await routeStrangerScan(deps(), code, meta(), "ko");
    const view = await strangerViewUncharged(deps(), code);
    expect(view?.visibility).toBe("masked");
    expect(scan).toEqual({ kind: "rewrite", path: strangerViewPath("ko", view!) });
    expect(scan.kind === "rewrite" && scan.path.startsWith(`/stranger-view/ko/${code}/`)).toBe(true);
    expect(JSON.stringify(view)).not.toMatch(new RegExp(PLAINTEXT.join("|")));
  });

  it("lands on a new path once the parcel changes, so no kept page is ever stale", async () => {
    const { code, key } = await knownParcel();
    const before = await routeStrangerScan(deps(), code, meta(), "en");
    const event = await api.event(code, { key, idempotencyKey: `stranger-${code}`, body: { status: "picked_up" } });
    expect(event.status).toBe(201);
    const after = await routeStrangerScan(deps(), code, meta(), "en");
    expect(after.kind === "rewrite" && after.path).not.toBe(before.kind === "rewrite" && before.path);
    expect((await strangerViewUncharged(deps(), code))?.status).toBe("picked_up");
  });

  it("keeps each language on its own path", async () => {
    const { code } = await knownParcel();
    const [ko, en] = await Promise.all([
      routeStrangerScan(deps(), code, meta(), "ko"),
      routeStrangerScan(deps(), code, meta(), "en"),
    ]);
    expect(ko.kind === "rewrite" && ko.path.replace("/ko/", "/en/")).toBe(en.kind === "rewrite" && en.path);
  });

  it("sends unknown and malformed codes to the same not-found path", async () => {
    for (const code of ["7ZZZZZZZZZZZZZZZZZZZZZZZZZ", "short", "%ZZ", "../../admin"]) {
      expect(await routeStrangerScan(deps(), code, meta(), "ko")).toEqual({
        kind: "rewrite",
        path: unknownCodePath("ko"),
      });
      expect(await strangerViewUncharged(deps(), code)).toBeNull();
    }
  });

  it("answers rate_limited once the caller's budget is spent, and the render never charges it", async () => {
    const { code } = await knownParcel();
    const limited = { ...deps(), config: { ...env(), RESOLVE_LIMIT_PER_HOUR: 5 } };
    const caller = meta();
    for (let i = 0; i < 5; i++) {
      expect((await routeStrangerScan(limited, code, caller, "ko")).kind).toBe("rewrite");
      await strangerViewUncharged(limited, code); // what the page does on a cache miss
    }
    const refused = await routeStrangerScan(limited, code, caller, "ko");
    expect(refused.kind).toBe("rate_limited");
    expect(refused.kind === "rate_limited" && refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("is the same view the resolver gives any anonymous caller", async () => {
    const { code } = await knownParcel();
    const resolved = await resolveParcel(deps(), ANONYMOUS, code, meta());
    expect(resolved.kind === "found" && resolved.view).toEqual(await strangerViewUncharged(deps(), code));
  });

  it("never answers not-found for a real parcel whose view moved on between the scan and the render", async () => {
    // A failed attempt and the retry bring the view back to one a stranger has already seen.
    const carrier = await createCarrier();
    const { key } = await createApiKey(carrier.id);
    const { code } = await createParcel(carrier.id, parcelInput(), { status: "out_for_delivery" });
    const change = (body: Record<string, string>) =>
      api.event(code, { key, idempotencyKey: `${body.status}-${code}`, body });
    const scan = await routeStrangerScan(deps(), code, meta(), "ko");
    const viewKey = scan.kind === "rewrite" ? scan.path.split("/").at(-1)! : "";
    // The proxy has chosen the path; the view changes before Next.js renders it for the first time.
    expect((await change({ status: "failed_attempt", reason: "absent" })).status).toBe(201);
    // What that render gets must not be the page's "not found", which Next.js would keep for the path.
    await expect(viewForStrangerPath(deps(), code, viewKey)).rejects.toThrow(StaleStrangerView);
    expect((await change({ status: "out_for_delivery" })).status).toBe(201);
    expect(await routeStrangerScan(deps(), code, meta(), "ko")).toEqual(scan);
    expect((await viewForStrangerPath(deps(), code, viewKey))?.status).toBe("out_for_delivery");
  });

  it("is shown on a kept path only under the key of its own view, so the path is no lookup of its own", async () => {
    const { code } = await knownParcel();
    const view = await strangerViewUncharged(deps(), code);
    expect(await viewForStrangerPath(deps(), code, strangerViewKey(view!))).toEqual(view);
    // A key that is not the current view's and a code that does not exist get the same answer.
    await expect(viewForStrangerPath(deps(), code, "AAAAAAAAAAAAAAAAAAAAAA")).rejects.toThrow(StaleStrangerView);
    await expect(viewForStrangerPath(deps(), "7ZZZZZZZZZZZZZZZZZZZZZZZZZ", strangerViewKey(view!))).rejects.toThrow(
      StaleStrangerView,
    );
  });
});
