/**
 * Masking of personal data, one function per field kind. Every surface that
 * shows a masked value (page, API, label, export, logs) calls these, so a rule
 * changes in one place.
 *
 * Every function is total: any input (even a non-string from untyped JS)
 * yields a string and nothing throws. Output is built only from parts that
 * were recognised (a name's first letter, an area or road name, the phone's
 * leading digits) plus "*", so unrecognised input, such as markup or SQL, is
 * never echoed back.
 */
import { formatNormalizedPhone, normalizePhone } from "./phone";

/** Returned whenever nothing can be kept safely. */
export const MASK = "***";

const stars = (count: number): string => "*".repeat(count);
const HANGUL_WORD = /^[가-힣]+$/;

// Names as shippers write them: people (O'Brien, Jean-Luc, J. R. R.) and businesses with
// digits, brackets and a few symbols ("(주)11번가", "3M 코리아", "홍길동 (경비실)"). Any other
// symbol (markup, quotes for SQL, emoji) means the value is not a name.
const NAME_CHARS = /^[\p{L}\p{M}\p{N} .'’·&,/()[\]㈜-]+$/u;
const MAX_NAME_CHARS = 100;
const HANGUL_NAME = /^[가-힣]{1,100}$/;
// A bracketed group, the ㈜ sign, a word, or a run of spaces; the name must be exactly these.
const NAME_TOKEN = /[([][^()[\]]*[)\]]|㈜|[^\s()[\]㈜]+|\s+/gu;
// Legal forms written in brackets: 주식회사, 유한회사, 사단/재단법인, 합자/합명회사. They say
// what kind of business it is, nothing about who, so they stay readable.
const LEGAL_FORMS = new Set(["주", "유", "사", "재", "합", "株"]);

/**
 * Korean names keep the first and, from 3 characters on, the last syllable
 * (홍길동 → 홍*동); other words, digits among them, keep only their first character
 * (John → J***, 11번가 → 1***). A bracketed note is masked whole ("(경비실)" → "(***)")
 * except a legal form ("(주)"). Every masked character becomes one "*".
 */
export function maskName(name: string): string {
  // Most names: Hangul syllables only, which NFC and the checks below leave exactly as they are.
  if (typeof name === "string" && HANGUL_NAME.test(name)) return maskKoreanWord(name);
  if (typeof name !== "string" || name.length > MAX_NAME_CHARS) return MASK;
  const text = name.normalize("NFC").replace(/\s+/g, " ").trim();
  if (!NAME_CHARS.test(text) || !/\p{L}/u.test(text)) return MASK;
  const tokens = text.match(NAME_TOKEN) ?? [];
  if (tokens.join("") !== text) return MASK; // an unbalanced bracket
  const words = tokens.filter((token) => token !== " " && token !== "㈜");
  if (!words.every((word) => /[\p{L}\p{N}]/u.test(word))) return MASK;
  // A Korean surname is often spaced off ("홍 길동"); it is still one name and
  // must mask exactly like "홍길동", or the space would expose the surname rule.
  if (tokens.every((token) => token === " " || HANGUL_WORD.test(token))) return maskKoreanWord(words.join(""));
  return tokens.map(maskNameToken).join("");
}

function maskNameToken(token: string): string {
  if (token === " " || token === "㈜") return token;
  if (/^[([]/.test(token)) {
    const inner = token.slice(1, -1).trim();
    return LEGAL_FORMS.has(inner) ? token : `${token[0]}${inner.replace(/\S/gu, "*")}${token.at(-1)}`;
  }
  return HANGUL_WORD.test(token) ? maskKoreanWord(token) : maskOtherWord(token);
}

function maskKoreanWord(word: string): string {
  const chars = Array.from(word);
  if (chars.length <= 1) return stars(chars.length);
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${stars(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * Latin words, and mixed-script words like "김John", keep only their first
 * character: the Korean keep-the-last rule is only safe for Korean names,
 * where the last syllable is one of many common given-name endings.
 */
function maskOtherWord(word: string): string {
  const chars = Array.from(word);
  return chars.length <= 1 ? stars(chars.length) : `${chars[0]}${stars(chars.length - 1)}`;
}

/** Canonical hyphenated form with the last 4 digits masked: 010-1234-****. */
export function maskPhone(phone: string): string {
  const digits = normalizePhone(phone);
  // Only a recognised number is shown at all: a malformed one could put the
  // subscriber digits anywhere in the string.
  if (digits === null) return MASK;
  return maskNormalizedPhone(digits);
}

/** maskPhone for what normalizePhone returned (a batch normalises each number once, not three times). */
export function maskNormalizedPhone(digits: string): string {
  return `${formatNormalizedPhone(digits).slice(0, -4)}****`;
}

/** Keeps the first 3 digits (the sector): 11657 → 116**, old 135-080 → 135-***. */
export function maskPostalCode(postal: string): string {
  if (typeof postal !== "string" || postal.length > 20) return MASK;
  const text = postal.normalize("NFKC").replace(/\s+/g, "");
  if (/^\d{5}$/.test(text)) return `${text.slice(0, 3)}**`;
  // Six-digit codes were replaced in 2015 but still turn up in old address books.
  if (/^\d{3}-?\d{3}$/.test(text)) return `${text.slice(0, 3)}-***`;
  return MASK;
}

/**
 * Delivery memos are never shown masked, so this always returns null and
 * masked surfaces omit the field. Memos are free text ("door code 1234#, call
 * 010-…"): no rule can find every secret in them, and a partly masked memo
 * looks safe while it is not. The function exists so that every field kind has
 * an entry here and the null return type forces callers to handle "nothing".
 */
export function maskMemo(memo: string): null {
  void memo;
  return null;
}

const MAX_ADDRESS_CHARS = 500;

/**
 * Keeps the area (시/도, 시/군/구, 읍/면/동/리) and the road name; masks the
 * building or lot number and everything after it:
 * 경기도 의정부시 오목로 150 211동 1203호 → 경기도 의정부시 오목로 ***.
 * English addresses keep the recognised place words wherever they stand:
 * 150 Omok-ro, Uijeongbu-si → *** Omok-ro, Uijeongbu-si.
 */
export function maskAddress(address: string): string {
  if (typeof address !== "string" || address.length > MAX_ADDRESS_CHARS) return MASK;
  const text = address.normalize("NFC").replace(/\s+/g, " ").trim();
  if (/[가-힣]/.test(text)) return maskKoreanAddress(text);
  if (/[A-Za-z]/.test(text)) return maskEnglishAddress(text);
  return MASK;
}

// Administrative areas, whole token. Digits only in the legal-dong "…N가" form
// (종로1가): "…N동" is as likely an apartment block (래미안101동) as a dong.
const KO_AREA = /^[가-힣]+(?:도|시|군|구|읍|면|동|리)$|^[가-힣]{2,}\d{1,2}가$/;
const KO_PROVINCE = new Set(
  "서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북 전남 경북 경남 제주".split(" "),
);
// The lowest area level: after it comes the lot number, never another area.
const KO_LOWEST_AREA = /(?:동|리|\d가)$/;
// Road names: 오목로, 세종대로, 강남대로94길, 동일로123번길. The digits in a
// "…N길"/"…N번길" road are part of its name, not the building number.
const KO_ROAD = /^[가-힣]+(?:로|길)(?:\d{1,4}번?길)?$/;
const KO_BRANCH = /^\d{1,4}번?길$/; // "동일로 123번길", written with a space

function maskKoreanAddress(text: string): string {
  // A leading postal code ("(11657) 경기도 …") belongs to maskPostalCode.
  const tokens = text
    .replace(/^[[(]?\d{5}[\])]?\s*/, "")
    .split(/[\s,]+/)
    .filter(Boolean);
  const kept: string[] = [];
  for (const [index, token] of tokens.entries()) {
    if (KO_ROAD.test(token)) {
      kept.push(token);
      const next = tokens[index + 1];
      if (next !== undefined && KO_BRANCH.test(next)) kept.push(next);
      break; // what follows a road name is the building number and detail
    }
    if (!KO_AREA.test(token) && !KO_PROVINCE.has(token)) break;
    kept.push(token);
    if (KO_LOWEST_AREA.test(token)) break;
  }
  // Nothing left to hide ("서울특별시 강남구"): mask the most specific part
  // anyway, so a masked address never reproduces its input.
  const shown = kept.length === tokens.length ? kept.slice(0, -1) : kept;
  return [...shown, MASK].join(" ");
}

// Romanised place words: Omok-ro, Gangnam-daero, Uijeongbu-si, Yeoksam-dong.
// At least two letters before the suffix, so building blocks (B-dong) are masked.
const EN_PLACE = /^[A-Za-z]{2,}(?:-[A-Za-z]+)*-(?:do|si|gun|gu|eup|myeon|dong|ri|ro|daero|gil)$/i;
const EN_BRANCH = /^\d{1,4}(?:beon)?-?gil$/i; // Dongil-ro 123beon-gil, Gangnam-daero 94-gil
const EN_WORDS = new Set(
  (
    "seoul busan daegu incheon gwangju daejeon ulsan sejong jeju gyeonggi gangwon " +
    "chungcheongbuk chungcheongnam jeollabuk jeollanam gyeongsangbuk gyeongsangnam " +
    "special metropolitan self-governing city province republic of south korea"
  ).split(" "),
);

function isEnglishPlace(word: string): boolean {
  return EN_PLACE.test(word) || EN_BRANCH.test(word) || EN_WORDS.has(word.toLowerCase());
}

/**
 * English addresses run from the most specific part to the least ("Apt 1203,
 * 211 Omok-ro, Uijeongbu-si"), so instead of keeping a prefix this keeps
 * recognised place words in place and replaces each run of anything else,
 * numbers and units included, by a single "***".
 */
function maskEnglishAddress(text: string): string {
  const segments = text.split(",").map((segment) =>
    segment
      .split(" ")
      .filter(Boolean)
      .map((word) => (isEnglishPlace(word) ? word : MASK)),
  );
  const first = segments.find((words) => words.length > 0);
  // As for Korean: if every word was a place word, hide the most specific one.
  if (first !== undefined && !segments.some((words) => words.includes(MASK))) first[0] = MASK;
  const joined = segments
    .filter((words) => words.length > 0)
    .map((words) => words.join(" "))
    .join(", ");
  // Kept words never contain "*", so this only merges adjacent masks.
  return joined.replace(/\*\*\*(?:,? \*\*\*)+/g, MASK);
}
