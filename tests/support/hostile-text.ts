/**
 * Free text that displays as something other than what it is. Bidi overrides reorder what a
 * reader sees (an address that reads backwards), zero-width and filler characters make a value
 * look blank or make two values look equal, lone surrogates are not text at all. Every
 * free-text field refuses each of these.
 */
export const HOSTILE_TEXT: Record<string, string> = {
  "right-to-left override": "홍길동\u202E321-4321-010",
  "left-to-right isolate": "서울\u2066로\u2069",
  "zero-width space": "홍\u200B길동",
  "zero-width joiner": "홍\u200D길동",
  "byte order mark": "홍\uFEFF길동",
  "word joiner": "홍\u2060길동",
  "lone high surrogate": "홍\uD800길동",
  "lone low surrogate": "홍\uDC00길동",
  "bell control": "홍\u0007길동",
  "line separator": "홍\u2028길동",
  "Hangul filler only": "\u3164\u3164\u3164",
  "Hangul choseong/jungseong fillers only": "\u115F\u1160",
  "halfwidth Hangul filler only": "\uFFA0",
  "braille blank only": "\u2800\u2800",
};
