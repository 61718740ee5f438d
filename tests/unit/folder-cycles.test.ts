import { describe, expect, it } from "vitest";
import { folderCycles, folderOf } from "@/scripts/layers/folder-cycles";

const file = (source: string, ...imports: string[]) => ({
  source,
  dependencies: imports.map((resolved) => ({ resolved })),
});

describe("folder cycles between lib/ folders", () => {
  it("counts a feature's domain files for the feature, its http/ and actions.ts for nobody", () => {
    expect(folderOf("lib/parcels/register.ts")).toBe("lib/parcels");
    expect(folderOf("db/schema.ts")).toBe("db");
    expect(folderOf("lib/parcels/http/caller.ts")).toBeNull();
    expect(folderOf("lib/parcels/actions.ts")).toBeNull();
    expect(folderOf("lib/http/api-response.ts")).toBeNull();
    expect(folderOf("app/page.tsx")).toBeNull();
  });

  it("finds a loop through several folders that no file-level cycle shows, with the imports that make it", () => {
    const cycles = folderCycles([
      file("lib/parcels/register.ts", "lib/postal-rules/active-rules.ts"),
      file("lib/postal-rules/rules.ts", "lib/couriers/active-courier.ts"),
      file("lib/couriers/list.ts", "lib/parcels/code.ts"),
      file("lib/parcels/code.ts", "lib/core/result.ts"),
    ]);
    expect(cycles).toEqual([
      {
        folders: ["lib/couriers", "lib/parcels", "lib/postal-rules"],
        loop: [
          "lib/couriers → lib/parcels   (lib/couriers/list.ts → lib/parcels/code.ts)",
          "lib/parcels → lib/postal-rules   (lib/parcels/register.ts → lib/postal-rules/active-rules.ts)",
          "lib/postal-rules → lib/couriers   (lib/postal-rules/rules.ts → lib/couriers/active-courier.ts)",
        ],
      },
    ]);
  });

  it("ignores loops that pass through the entry layer", () => {
    const cycles = folderCycles([
      file("lib/auth/dal.ts", "lib/core/session-user.ts"),
      file("lib/auth/actions.ts", "lib/actions/auth-action.ts"),
      file("lib/actions/auth-action.ts", "lib/auth/dal.ts"),
    ]);
    expect(cycles).toEqual([]);
  });
});
