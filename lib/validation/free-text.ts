import { z } from "zod";

/**
 * What every free-text field refuses, because it would show a person something other than
 * what is stored:
 * - control characters (C0, DEL, C1) and the line/paragraph separators;
 * - format characters (Unicode Cf): bidi overrides and isolates that make an address or a phone
 *   number read backwards, zero-width spaces and joiners, the byte order mark, soft hyphens;
 * - lone surrogates (not text at all: they become U+FFFD or break encoders downstream);
 * - private-use characters, which render differently on every device.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\u2028\u2029]/u;

/**
 * Characters that render as nothing: the Hangul fillers (U+3164, U+FFA0, U+115F, U+1160), the
 * braille blank, the Mongolian vowel separator, and the spaces `trim()` removes. A value of only
 * these looks blank on screen and on a label.
 */
const BLANK_ONLY = /^[\s\u115F\u1160\u3164\uFFA0\u2800\u180E]+$/u;

const UNSAFE_TEXT_MESSAGE = "must not contain control, invisible or direction-changing characters";
const BLANK_TEXT_MESSAGE = "must not be empty";

/** Why a (trimmed) value is refused, or null when it is acceptable text. */
export function textProblem(value: string): string | null {
  if (UNSAFE.test(value)) return UNSAFE_TEXT_MESSAGE;
  if (BLANK_ONLY.test(value)) return BLANK_TEXT_MESSAGE;
  return null;
}

/** A trimmed, non-blank, visible text of at most `max` characters: the base of every free-text field. */
export function freeText(max: number) {
  return z
    .string({ error: "must be text" })
    .trim()
    .min(1, BLANK_TEXT_MESSAGE)
    .max(max, `must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}
