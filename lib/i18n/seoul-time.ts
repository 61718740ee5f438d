import type { Locale } from "./locale";

// Korea has kept UTC+9 all year since 1988: no daylight saving to look up.
const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A date and time in Seoul as Intl.DateTimeFormat's medium date and short time print it
 * ("2026. 12. 8. 오전 9:20", "Dec 8, 2026, 9:20 AM"), without Intl. A phone's first
 * Intl.DateTimeFormat starts ICU's calendar and time-zone data, a 50–100 ms task on a mid-range
 * phone, which a list shown on load cannot afford; later, on-demand screens use Intl as usual.
 */
export function formatSeoulDateTime(at: Date, locale: Locale): string {
  if (Number.isNaN(at.getTime())) throw new RangeError("not a valid date");
  const seoul = new Date(at.getTime() + SEOUL_OFFSET_MS);
  const [year, month, day] = [seoul.getUTCFullYear(), seoul.getUTCMonth(), seoul.getUTCDate()];
  const hours = seoul.getUTCHours();
  const time = `${hours % 12 || 12}:${String(seoul.getUTCMinutes()).padStart(2, "0")}`;
  const morning = hours < 12;
  return locale === "ko"
    ? `${year}. ${month + 1}. ${day}. ${morning ? "오전" : "오후"} ${time}`
    : `${MONTHS[month]} ${day}, ${year}, ${time} ${morning ? "AM" : "PM"}`;
}
