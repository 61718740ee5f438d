import { describe, expect, it } from "vitest";
import { csvCell } from "@/lib/export/csv-cell";

describe("a spreadsheet-safe CSV cell", () => {
  it.each([
    ["equals", '=HYPERLINK("http://evil.example")'],
    ["plus", "+1+cmd|' /C calc'!A0"],
    ["minus", "-2+3"],
    ["at", "@SUM(A1)"],
    ["tab", "\t=1+1"],
    ["carriage return", "\r=1+1"],
    // Spreadsheets in East Asian locales read the full-width forms as the formula characters.
    ["full-width equals", '＝HYPERLINK("http://evil.example")'],
    ["full-width plus", "＋1+1"],
    ["full-width minus", "－1+1"],
    ["full-width at", "＠SUM(A1)"],
  ])("defuses a leading %s with an apostrophe", (_, value) => {
    expect(csvCell(value)).toBe(`"'${value.replaceAll('"', '""')}"`);
  });

  it("leaves other text as it is, quoted", () => {
    expect(csvCell("홍길동 = 1")).toBe('"홍길동 = 1"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });
});
