import { describe, expect, it } from "vitest";

import { MASK, maskAddress, maskMemo, maskName, maskPhone, maskPostalCode } from "@/lib/privacy/mask";
import { normalizePhone } from "@/lib/privacy/phone";

const GARBAGE = ["", "   ", "!!!", "<script>alert(1)</script>", "'; DROP TABLE x; --", "\u0000\u202e"];

const digitRuns = (text: string): string[] => text.match(/\d+/g) ?? [];

describe("maskName", () => {
  it.each([
    // Korean: 2 chars keep the first; 3+ keep first and last.
    ["홍길", "홍*"],
    ["홍길동", "홍*동"],
    ["남궁민수", "남**수"],
    ["홍", "*"],
    ["제갈공명수", "제***수"],
    ["가".repeat(100), `가${"*".repeat(98)}가`],
    // A spaced-off surname is still one Korean name.
    ["홍 길동", "홍*동"],
    ["남궁 민수", "남**수"],
    ["  홍길동  ", "홍*동"],
    // Latin: per word keep the first letter.
    ["John Doe", "J*** D**"],
    ["john   doe", "j*** d**"],
    ["José García", "J*** G*****"],
    ["Jean-Luc Picard", "J******* P*****"],
    ["O'Brien", "O******"],
    ["John F Kennedy", "J*** * K******"],
    ["J", "*"],
    // Mixed scripts: all-Hangul words use the Korean rule, anything else the first-letter rule.
    ["김John", "김****"],
    ["John 김철수", "J*** 김*수"],
    ["김철수 Smith", "김*수 S****"],
  ])("masks %j as %j", (input, expected) => {
    expect(maskName(input)).toBe(expected);
  });

  // Hangul-only names take a shortcut past normalising and the checks; a space around them
  // sends the same name down the full path, which must give the same answer.
  it.each(["홍", "홍길", "홍길동", "남궁민수", "가".repeat(98), "힣".repeat(101)])(
    "masks the Hangul-only name %j as the full path does",
    (name) => {
      expect(maskName(name)).toBe(maskName(` ${name} `));
    },
  );

  it.each([...GARBAGE, "12345", "(홍길동", "홍길동)", "( )", "- -", "a".repeat(101), "가".repeat(101)])(
    "masks non-name %j to *** without echoing it",
    (input) => {
      expect(maskName(input)).toBe(MASK);
    },
  );
});

describe("maskPhone", () => {
  it.each([
    ["010-1234-5678", "010-1234-****"],
    ["01012345678", "010-1234-****"],
    ["010 1234 5678", "010-1234-****"],
    ["+82 10-1234-5678", "010-1234-****"],
    ["+821012345678", "010-1234-****"],
    ["02-123-4567", "02-123-****"],
    ["(02) 123-4567", "02-123-****"],
    ["0212345678", "02-1234-****"],
    ["031-123-4567", "031-123-****"],
    ["0504-1234-5678", "0504-1234-****"],
  ])("masks %j as %j", (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it.each([...GARBAGE, "010-1234-567", "5678", "+1 415 555 0100", "010-1234-5678 ext 9"])(
    "masks non-phone %j to ***",
    (input) => {
      expect(maskPhone(input)).toBe(MASK);
    },
  );

  it.each([
    "010-9876-5432",
    "01055501234",
    "+82 10 2468 1357",
    "011-321-9876",
    "02-987-6543",
    "051-222-3333",
    "070-4321-8765",
  ])("property: %j keeps only the digits before the last 4", (input) => {
    const masked = maskPhone(input);
    const normalized = normalizePhone(input) ?? "";
    expect(masked.endsWith("-****")).toBe(true);
    expect(digitRuns(masked).join("")).toBe(normalized.slice(0, -4));
    expect(masked).not.toContain(normalized.slice(-4));
  });
});

describe("maskPostalCode", () => {
  it.each([
    ["11657", "116**"],
    [" 06236 ", "062**"],
    ["１１６５７", "116**"],
    ["135-080", "135-***"],
    ["135080", "135-***"],
  ])("masks %j as %j", (input, expected) => {
    expect(maskPostalCode(input)).toBe(expected);
  });

  it.each([...GARBAGE, "1165", "116577-1", "abcde", "SW1A 1AA"])("masks %j to ***", (input) => {
    expect(maskPostalCode(input)).toBe(MASK);
  });
});

describe("maskMemo", () => {
  it("never returns any part of the memo", () => {
    expect(maskMemo("공동현관 비밀번호 1234#, 010-1234-5678로 연락")).toBeNull();
    expect(maskMemo("")).toBeNull();
  });
});

describe("maskAddress", () => {
  it.each([
    // Road addresses: keep area and road name, mask building number and detail.
    ["경기도 의정부시 오목로 150 211동 1203호", "경기도 의정부시 오목로 ***"],
    ["서울특별시 강남구 테헤란로 152", "서울특별시 강남구 테헤란로 ***"],
    ["서울특별시 중구 세종대로 110", "서울특별시 중구 세종대로 ***"],
    ["서울특별시 도봉구 동일로123번길 45, 3층", "서울특별시 도봉구 동일로123번길 ***"],
    ["서울특별시 도봉구 동일로 123번길 45", "서울특별시 도봉구 동일로 123번길 ***"],
    ["서울특별시 강남구 강남대로94길 10 (역삼동)", "서울특별시 강남구 강남대로94길 ***"],
    ["경기도 양평군 양평읍 양평시장길 10", "경기도 양평군 양평읍 양평시장길 ***"],
    ["경기도 성남시 분당구 판교역로 235 에이치스퀘어", "경기도 성남시 분당구 판교역로 ***"],
    ["서울 강남구 테헤란로 152", "서울 강남구 테헤란로 ***"],
    ["서울특별시 강남구 테헤란로 152 (역삼동, 강남파이낸스센터)", "서울특별시 강남구 테헤란로 ***"],
    ["(06236) 서울특별시 강남구 테헤란로 152", "서울특별시 강남구 테헤란로 ***"],
    // Lot (jibun) addresses: keep up to 읍/면/동/리.
    ["서울특별시 강남구 역삼동 123-45", "서울특별시 강남구 역삼동 ***"],
    ["경기도 양평군 양서면 양수리 123", "경기도 양평군 양서면 양수리 ***"],
    ["서울특별시 중구 을지로3가 12-3", "서울특별시 중구 을지로3가 ***"],
    ["강원특별자치도 평창군 대관령면 횡계리 산 12-1", "강원특별자치도 평창군 대관령면 횡계리 ***"],
    ["서울특별시 강남구 역삼동 가동 101호", "서울특별시 강남구 역삼동 ***"],
    // No road name or number: hide the most specific part, never a unit number.
    ["서울특별시 강남구", "서울특별시 ***"],
    ["서울특별시", MASK],
    ["아파트 101동", MASK],
    ["래미안101동 1203호", MASK],
    ["서울특별시 강남구 래미안아파트 101동 1203호", "서울특별시 강남구 ***"],
    // Extra whitespace is collapsed.
    ["  경기도   의정부시\t오목로   150   ", "경기도 의정부시 오목로 ***"],
    ["서울특별시 강남구<script>", "서울특별시 ***"],
    // English addresses: keep recognised place words, mask numbers and units.
    ["150 Omok-ro, Uijeongbu-si, Gyeonggi-do", "*** Omok-ro, Uijeongbu-si, Gyeonggi-do"],
    ["Apt 1203, 211 Omok-ro, Uijeongbu-si", "*** Omok-ro, Uijeongbu-si"],
    ["152 Teheran-ro, Gangnam-gu, Seoul 06236", "*** Teheran-ro, Gangnam-gu, Seoul ***"],
    ["Dongil-ro 123beon-gil 45, Dobong-gu, Seoul", "Dongil-ro 123beon-gil ***, Dobong-gu, Seoul"],
    [
      "101-dong 1203-ho, 150 Omok-ro, Uijeongbu-si, Gyeonggi-do, Republic of Korea",
      "*** Omok-ro, Uijeongbu-si, Gyeonggi-do, Republic of Korea",
    ],
    ["123-45 Yeoksam-dong, Gangnam-gu, Seoul", "*** Yeoksam-dong, Gangnam-gu, Seoul"],
    ["Uijeongbu-si, Gyeonggi-do", "***, Gyeonggi-do"],
    ["#1001 B-dong, 987 Haeundae-ro, Busan", "*** Haeundae-ro, Busan"],
  ])("masks %j as %j", (input, expected) => {
    expect(maskAddress(input)).toBe(expected);
  });

  it.each([...GARBAGE, "12345", "a".repeat(501)])("masks garbage %j to ***", (input) => {
    expect(maskAddress(input)).toBe(MASK);
  });

  // Property: over realistic place × detail combinations, the only digits that
  // survive are those inside the kept place part (e.g. the 123 of 동일로123번길);
  // none from the building/lot number or unit does, and the input never does.
  const places = [
    "경기도 의정부시 오목로",
    "서울특별시 강남구 테헤란로",
    "서울특별시 도봉구 동일로123번길",
    "서울특별시 강남구 강남대로94길",
    "부산광역시 해운대구 해운대로",
    "경기도 성남시 분당구 판교역로",
    "세종특별자치시 한누리대로",
    "제주특별자치도 제주시 중앙로",
    "서울특별시 강남구 역삼동",
    "경기도 양평군 양서면 양수리",
    "서울특별시 중구 을지로3가",
  ];
  const details = [
    "150 211동 1203호",
    "235, 101동 502호",
    "45-6 3층 301호",
    "7 (역삼동, 래미안아파트) 1204호",
    "산 12-3",
    "987 B동 1001호",
    "2130 정부세종청사 15동",
    "88 가동 1층",
    "1-1, 래미안101동 1502호",
  ];
  const cases = places.flatMap((place) => details.map((detail) => [place, detail] as const));

  it.each(cases)("property: %j + %j leaks no building or unit digits", (place, detail) => {
    const input = `${place} ${detail}`;
    const masked = maskAddress(input);
    expect(masked).not.toContain(input);
    expect(masked.endsWith(MASK)).toBe(true);
    const allowed = new Set(digitRuns(place));
    for (const run of digitRuns(masked)) expect(allowed).toContain(run);
  });

  const englishCases = [
    "Apt 1203, 211 Omok-ro, Uijeongbu-si, Gyeonggi-do 11657",
    "150 Omok-ro, 211-dong 1203-ho, Uijeongbu-si",
    "Suite 3F, 152 Teheran-ro, Gangnam-gu, Seoul",
    "Unit 502, Raemian 101, 235 Pangyoyeok-ro, Bundang-gu, Seongnam-si",
    "#1001 B-dong, 987 Haeundae-ro, Haeundae-gu, Busan",
  ];
  it.each(englishCases)("property: English %j leaks no digits", (input) => {
    const masked = maskAddress(input);
    expect(masked).not.toContain(input);
    expect(digitRuns(masked)).toEqual([]);
  });
});

describe("totality", () => {
  // Deterministic pseudo-random strings mixing Hangul, Latin, digits and
  // punctuation. "*" is left out: an already-masked value may legitimately
  // mask to itself (masking is idempotent).
  const pool = Array.from("홍길동서울시구로동리 abcJohnOmok-ro0123456789-+(),.<>';!\t");
  let seed = 42;
  const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
  const inputs = Array.from({ length: 300 }, () =>
    Array.from({ length: next() % 30 }, () => pool[next() % pool.length]).join(""),
  );
  const maskers = { maskName, maskPhone, maskAddress, maskPostalCode };

  it.each(Object.entries(maskers))("%s returns a string that never echoes its input", (_, mask) => {
    for (const input of inputs) {
      const masked = mask(input);
      expect(typeof masked).toBe("string");
      if (input.trim().length > 3) expect(masked).not.toContain(input.trim());
    }
  });

  it.each(Object.entries(maskers))("%s never throws on non-string input", (_, mask) => {
    for (const value of [undefined, null, 42, {}, []]) {
      expect(mask(value as unknown as string)).toBe(MASK);
    }
  });
});
