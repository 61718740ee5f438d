/**
 * Opaque parcel codes.
 *
 * A parcel code is the only thing printed on a label (as a QR URL and as a
 * short human-readable form). It must reveal nothing: not the sender, not the
 * order of creation, not the time. So it is 128 bits straight from the CSPRNG,
 * never a counter, timestamp or hash of another field.
 *
 * Encoding: Crockford base32, 26 characters. 26 × 5 = 130 bits, two more than
 * the 128 we carry, so the FIRST character only holds the top 3 bits and is
 * always 0–7. `parseParcelCode` rejects a first character of 8–Z because such
 * a value would overflow 128 bits and could never have been generated.
 */
export const PARCEL_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const PARCEL_CODE_LENGTH = 26;

/** shortCode groups: five groups of 5 and a final single character (5·5+1 = 26). */
const SHORT_GROUP_SIZE = 5;
/** Longest raw input worth examining: 26 chars plus generous separators. */
const MAX_CODE_INPUT = 64;
/** Longest scanned text worth examining; QR payloads of ours are ~60 chars. */
const MAX_SCANNED_INPUT = 2048;

const SKIP = -2;
const INVALID = -1;

/**
 * ASCII → 5-bit value. Built once so parsing is a single table lookup per char.
 * Non-ASCII is rejected outright: calling toUpperCase() on arbitrary Unicode
 * would e.g. turn the Turkish dotless "ı" into "I" and accept it as a 1.
 */
const DECODE_TABLE: readonly number[] = (() => {
  const table = new Array<number>(128).fill(INVALID);
  for (let value = 0; value < PARCEL_CODE_ALPHABET.length; value++) {
    const upper = PARCEL_CODE_ALPHABET.charCodeAt(value);
    table[upper] = value;
    table[String.fromCharCode(upper).toLowerCase().charCodeAt(0)] = value;
  }
  // Crockford's decoding aliases for characters people confuse when typing.
  for (const alias of "IiLl") table[alias.charCodeAt(0)] = 1;
  for (const alias of "Oo") table[alias.charCodeAt(0)] = 0;
  // Separators people (or our own shortCode) put in; ignored wherever they are.
  table[" ".charCodeAt(0)] = SKIP;
  table["-".charCodeAt(0)] = SKIP;
  return table;
})();

/** A fresh random parcel code: 26 Crockford base32 chars, first char 0–7. */
export function newParcelCode(): string {
  return parcelCodeSource()();
}

const CODE_BYTES = 16;
const ALPHABET_CHAR_CODES = Array.from(PARCEL_CODE_ALPHABET, (char) => char.charCodeAt(0));
/** The characters of the code being encoded, reused: one string is made per code, not 26. */
const CODE_CHARS = new Array<number>(PARCEL_CODE_LENGTH).fill(0);
/** getRandomValues fills at most 65,536 bytes per call: 4,096 codes. */
const MAX_DRAW_BYTES = 65_536;

/**
 * Fresh codes for a batch, one per call, each from 16 bytes of the CSPRNG of its own. The
 * bytes are drawn for several codes at once (1, then 4, 16, … up to 4,096): a draw per code
 * cost a batch of 10,000 parcels more than encrypting them, while one parcel draws just 16 bytes.
 */
export function parcelCodeSource(): () => string {
  let pool = new Uint8Array(0);
  let next = 0;
  let drawBytes = CODE_BYTES;
  return () => {
    if (next === pool.length) {
      // Web Crypto's CSPRNG (global in Node 20 and browsers) rather than node:crypto, so the
      // scanner can import this module's parsers into the browser without a crypto polyfill.
      pool = globalThis.crypto.getRandomValues(new Uint8Array(drawBytes));
      drawBytes = Math.min(drawBytes * 4, MAX_DRAW_BYTES);
      next = 0;
    }
    next += CODE_BYTES;
    return encodeBytes(pool, next - CODE_BYTES);
  };
}

/**
 * The 128 bits at `offset` as 26 base32 chars, most significant first: 130 bits of
 * output, so two zero bits stand in front and the first char holds only the top 3 bits.
 */
function encodeBytes(bytes: Uint8Array, offset: number): string {
  let pending = 0; // bits not yet written, in the low `width` bits
  let width = 2; // the two leading zero bits
  let next = 0;
  for (let i = offset; i < offset + CODE_BYTES; i++) {
    pending = ((pending << 8) | (bytes[i] as number)) & 0x1fff; // ≤ 4 + 8 bits matter
    width += 8;
    while (width >= 5) {
      width -= 5;
      CODE_CHARS[next++] = ALPHABET_CHAR_CODES[(pending >>> width) & 31] as number;
    }
  }
  return String.fromCharCode(...CODE_CHARS);
}

/**
 * Canonicalises user or scanner input into the uppercase 26-char code, or
 * returns null. Accepts any case, spaces and hyphens anywhere, and I/L/O
 * aliases. Never throws, and gives up early on oversized input.
 */
export function parseParcelCode(input: string): string | null {
  if (typeof input !== "string" || input.length > MAX_CODE_INPUT) return null;
  let out = "";
  for (let i = 0; i < input.length; i++) {
    const value = DECODE_TABLE[input.charCodeAt(i)] ?? INVALID;
    if (value === SKIP) continue;
    if (value === INVALID) return null;
    out += PARCEL_CODE_ALPHABET.charAt(value);
  }
  if (out.length !== PARCEL_CODE_LENGTH) return null;
  // The first char carries 3 bits only; 8–Z would mean a 129th/130th bit.
  if ((DECODE_TABLE[out.charCodeAt(0)] ?? INVALID) > 7) return null;
  return out;
}

function requireCode(code: string): string {
  const canonical = parseParcelCode(code);
  // A label printed with a malformed code is unrecoverable, so fail loudly.
  if (canonical === null) throw new TypeError("Not a valid parcel code");
  return canonical;
}

/**
 * Grouped form for manual entry printed under the QR code:
 * `XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-X` (groups of 5, last group 1 char).
 * parseParcelCode accepts it back because hyphens are ignored.
 */
export function shortCode(code: string): string {
  const canonical = requireCode(code);
  const groups: string[] = [];
  for (let i = 0; i < canonical.length; i += SHORT_GROUP_SIZE) {
    groups.push(canonical.slice(i, i + SHORT_GROUP_SIZE));
  }
  return groups.join("-");
}

/** The URL encoded in the label's QR code. */
export function parcelUrl(publicUrl: string, code: string): string {
  return parcelUrlPrefix(publicUrl) + requireCode(code);
}

/** What parcelUrl puts before the code, for a batch of codes known to be canonical. */
export function parcelUrlPrefix(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/p/`;
}

export type ScanResult = { ok: true; code: string } | { ok: false; reason: "foreign_url" | "not_a_code" };

/**
 * What the in-app scanner accepts: our own parcel URL or a bare code.
 *
 * - `foreign_url`: an http(s) URL on any origin other than publicUrl's. The UI
 *   can say "this QR code belongs to another site" without following it.
 * - `not_a_code`: everything else — other schemes (javascript:, data:, …),
 *   our origin with the wrong path, product barcodes, free text.
 *
 * Origins are compared with the WHATWG URL parser (scheme, host and port after
 * normalisation), never by string prefix, so `localhost:3000.evil.com` or
 * `localhost:3000@evil.com` cannot pass as ours.
 */
export function parseScannedText(text: string, publicUrl: string): ScanResult {
  if (typeof text !== "string" || text.length > MAX_SCANNED_INPUT) {
    return { ok: false, reason: "not_a_code" };
  }
  const trimmed = text.trim();
  const bare = parseParcelCode(trimmed);
  if (bare !== null) return { ok: true, code: bare };

  const url = tryParseUrl(trimmed);
  if (url === null) return { ok: false, reason: "not_a_code" };
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: "not_a_code" };
  }
  const base = new URL(publicUrl);
  if (url.origin !== base.origin) return { ok: false, reason: "foreign_url" };

  const code = codeFromPath(url.pathname, base.pathname);
  return code === null ? { ok: false, reason: "not_a_code" } : { ok: true, code };
}

function tryParseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * Extracts {code} from `<base path>/p/{code}` with at most one trailing slash.
 * Honouring publicUrl's own path keeps this the exact inverse of parcelUrl
 * when the app is served under a prefix.
 */
function codeFromPath(pathname: string, basePath: string): string | null {
  const prefix = `${basePath.replace(/\/+$/, "")}/p/`;
  if (!pathname.startsWith(prefix)) return null;
  let rest = pathname.slice(prefix.length);
  if (rest.endsWith("/")) rest = rest.slice(0, -1);
  // parseParcelCode rejects "/", "%" and anything else outside the alphabet,
  // so extra path segments or percent-encoded tricks cannot slip through.
  return parseParcelCode(rest);
}
