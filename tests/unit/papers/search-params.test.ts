import { describe, expect, it } from "vitest";
import { MAX_PAGE_SIZE, MAX_QUERY_LENGTH, parseSearchParams } from "../../../lib/papers/search-params";

const strict = (raw: Record<string, string | string[] | undefined>) => parseSearchParams(raw, { strict: true });
const lenient = (raw: Record<string, string | string[] | undefined>) => parseSearchParams(raw);

function errorsOf(result: ReturnType<typeof parseSearchParams>): Record<string, string> {
  if (result.ok) throw new Error("expected an error");
  return result.fieldErrors;
}

describe("search parameters", () => {
  it("defaults: empty query, page 1, 20 per page, no filters", () => {
    expect(strict({})).toEqual({ ok: true, query: { q: "", hasCode: false, page: 1, pageSize: 20 } });
  });

  it("reads every field, taking the first of repeated values and trimming", () => {
    expect(
      strict({
        q: ["  video llm ", "x"],
        from: "2025-04-01",
        to: "2025-04-30",
        hasCode: "1",
        page: "3",
        pageSize: "50",
      }),
    ).toEqual({
      ok: true,
      query: { q: "video llm", from: "2025-04-01", to: "2025-04-30", hasCode: true, page: 3, pageSize: 50 },
    });
    for (const [value, expected] of [
      ["true", true],
      ["TRUE", true],
      ["0", false],
      ["false", false],
    ] as const) {
      expect(strict({ hasCode: value })).toMatchObject({ ok: true, query: { hasCode: expected } });
    }
  });

  it("truncates a long query instead of rejecting it", () => {
    const result = strict({ q: "a".repeat(10_000) });
    expect(result.ok && result.query.q.length).toBe(MAX_QUERY_LENGTH);
  });

  it("treats empty values (blank form fields) as absent", () => {
    expect(strict({ q: "", from: "", to: " ", page: "", hasCode: "" })).toMatchObject({
      ok: true,
      query: { page: 1, hasCode: false },
    });
  });

  it("strict: rejects bad pages with a message naming the value", () => {
    expect(errorsOf(strict({ page: "0" })).page).toMatch(/page must be 1 or more \(got "0"\)/);
    expect(errorsOf(strict({ page: "-2" })).page).toMatch(/1 or more/);
    expect(errorsOf(strict({ page: "1.5" })).page).toMatch(/whole number/);
    expect(errorsOf(strict({ page: "abc" })).page).toMatch(/whole number/);
    expect(errorsOf(strict({ page: "10001" })).page).toMatch(/10000 or less/);
  });

  it("strict: rejects page sizes outside 1..50", () => {
    expect(errorsOf(strict({ pageSize: String(MAX_PAGE_SIZE + 1) })).pageSize).toMatch(/50 or less/);
    expect(errorsOf(strict({ pageSize: "0" })).pageSize).toMatch(/1 or more/);
  });

  it("strict: rejects malformed and impossible dates, and from after to", () => {
    expect(errorsOf(strict({ from: "2025/04/01" })).from).toMatch(/YYYY|2025-04-30/);
    expect(errorsOf(strict({ to: "2025-02-30" })).to).toMatch(/calendar date/);
    expect(errorsOf(strict({ from: "2025-05-01", to: "2025-04-01" })).to).toMatch(/before from/);
  });

  it("strict: rejects hasCode values other than true/false/1/0", () => {
    expect(errorsOf(strict({ hasCode: "yes" })).hasCode).toMatch(/true, false, 1 or 0/);
  });

  it("strict: the error message lists every bad field", () => {
    const result = strict({ page: "0", hasCode: "maybe" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^Invalid search parameters: hasCode .*; page must/);
  });

  it("lenient: repairs or drops bad values instead", () => {
    expect(lenient({ page: "0", pageSize: "500", from: "nope", to: "2025-02-30", hasCode: "maybe" })).toEqual({
      ok: true,
      query: { q: "", hasCode: false, page: 1, pageSize: 50 },
    });
    expect(lenient({ page: "-4", pageSize: "0" })).toMatchObject({ query: { page: 1, pageSize: 1 } });
    expect(lenient({ page: "99999999" })).toMatchObject({ query: { page: 10_000 } });
    expect(lenient({ page: "9".repeat(400) })).toMatchObject({ query: { page: 10_000 } });
    expect(lenient({ page: "two", pageSize: "lots" })).toMatchObject({ query: { page: 1, pageSize: 20 } });
    expect(lenient({ page: "2.7" })).toMatchObject({ query: { page: 2 } });
    expect(lenient({ from: "2025-05-01", to: "2025-04-01" })).toMatchObject({
      query: { from: "2025-04-01", to: "2025-05-01" },
    });
  });

  it("removes control characters from the query", () => {
    expect(strict({ q: "a\u0000b\nc" })).toMatchObject({ query: { q: "a b c" } });
  });
});
