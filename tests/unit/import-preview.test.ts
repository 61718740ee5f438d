import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { previewCsv } from "@/lib/imports/preview";
import { HEADER_KO, tenGoodThreeBad } from "../support/csv";

describe("the import preview", () => {
  it("names the 3 bad rows of 10 good and 3 bad, with the field of each", () => {
    const { csv, badRows } = tenGoodThreeBad();
    const preview = previewCsv(Buffer.from(csv));
    expect(preview.rows).toHaveLength(13);
    const bad = preview.rows.filter((row) => row.errors.length > 0);
    expect(bad.map((row) => row.row)).toEqual(badRows);
    expect(bad.map((row) => row.errors[0]!.field)).toEqual(["phone", "phone", "address"]);
  });

  it("detects CP949, reads Korean headers, and drops the line cut off at the end of the sample", () => {
    const csv = `${HEADER_KO}\n홍길동,010-1234-5678,서울특별시 중구 세종대로 110\n김철수,010-2222-3333,서울특별시 중구 세`;
    const preview = previewCsv(iconv.encode(csv, "cp949"));
    expect(preview.encoding).toBe("cp949");
    expect(preview.header[0]).toBe("이름");
    expect(preview.rows).toEqual([
      { row: 1, cells: ["홍길동", "010-1234-5678", "서울특별시 중구 세종대로 110"], errors: [] },
    ]);
  });

  it("reports a header without the required columns", () => {
    expect(previewCsv(Buffer.from("foo,bar\n1,2\n")).headerErrors.map((e) => e.field)).toEqual([
      "name",
      "phone",
      "address",
    ]);
  });
});
