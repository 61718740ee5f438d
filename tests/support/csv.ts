import { Readable } from "node:stream";
import { uniquePhone } from "./fixtures";

export const HEADER_EN = "name,phone,address,addressDetail,postalCode,memo,itemName,reference";
export const HEADER_KO = "이름,전화번호,주소,상세주소,우편번호,메모,품목,참조";

/** A CSV cell, quoted when it must be. */
const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function goodRow(i: number, phone = uniquePhone()): string {
  return ["홍길동", phone, `경기도 의정부시 오목로 ${100 + i}`, "211동 1203호", "11657", "", "도서", `ORD-${i}`]
    .map(cell)
    .join(",");
}

/** CONTRACT's example: 10 good rows and 3 bad ones (rows 4, 8, 12: missing phone, bad phone, long address). */
export function tenGoodThreeBad(): { csv: string; badRows: number[] } {
  const rows: string[] = [];
  for (let i = 1; i <= 13; i++) {
    if (i === 4) rows.push(["김철수", "", "서울특별시 강남구 테헤란로 1"].join(","));
    else if (i === 8) rows.push(["이영희", "12345", "서울특별시 강남구 테헤란로 2"].join(","));
    else if (i === 12) rows.push(["박민수", uniquePhone(), `서울특별시 ${"가".repeat(4000)}`].join(","));
    else rows.push(goodRow(i));
  }
  return { csv: [HEADER_EN, ...rows].join("\n") + "\n", badRows: [4, 8, 12] };
}

export const body = (bytes: Buffer | string, chunk = 7): Readable => {
  const buffer = Buffer.from(bytes);
  // Small pieces, so multi-byte characters are split across chunks as on a real upload.
  const pieces: Buffer[] = [];
  for (let at = 0; at < buffer.length; at += chunk) pieces.push(buffer.subarray(at, at + chunk));
  return Readable.from(pieces);
};
