import { describe, expect, it } from "vitest";
import { formatSeoulDateTime } from "@/lib/i18n/seoul-time";

// Chromium's own Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short",
// timeZone: "Asia/Seoul" }) for these instants: the list must read as the rest of the app does.
const CHROMIUM: [string, string, string][] = [
  ["2026-12-07T15:05:00Z", "2026. 12. 8. 오전 12:05", "Dec 8, 2026, 12:05 AM"],
  ["2026-12-08T00:20:00Z", "2026. 12. 8. 오전 9:20", "Dec 8, 2026, 9:20 AM"],
  ["2027-01-01T03:00:00Z", "2027. 1. 1. 오후 12:00", "Jan 1, 2027, 12:00 PM"],
  ["2026-06-30T14:59:00Z", "2026. 6. 30. 오후 11:59", "Jun 30, 2026, 11:59 PM"],
  ["2026-02-28T16:30:00Z", "2026. 3. 1. 오전 1:30", "Mar 1, 2026, 1:30 AM"],
];

describe("formatSeoulDateTime", () => {
  it.each(CHROMIUM)("%s reads as the browser's Intl would, in Korean and English", (iso, ko, en) => {
    expect(formatSeoulDateTime(new Date(iso), "ko")).toBe(ko);
    expect(formatSeoulDateTime(new Date(iso), "en")).toBe(en);
  });

  it("refuses an invalid date instead of printing NaN", () => {
    expect(() => formatSeoulDateTime(new Date("not a date"), "ko")).toThrow(RangeError);
  });
});
