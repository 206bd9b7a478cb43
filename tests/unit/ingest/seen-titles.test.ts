import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SeenTitles } from "../../../lib/ingest/seen-titles";

const sha = (text: string) => createHash("sha256").update(text).digest();

describe("SeenTitles", () => {
  it("remembers the first line of each hash and answers it for a repeat", () => {
    const seen = new SeenTitles();
    expect(seen.firstLineOrAdd(sha("a"), 3)).toBeUndefined();
    expect(seen.firstLineOrAdd(sha("b"), 7)).toBeUndefined();
    expect(seen.firstLineOrAdd(sha("a"), 12)).toBe(3);
    expect(seen.firstLineOrAdd(sha("a"), 20)).toBe(3);
    expect(seen.firstLineOrAdd(sha("b"), 21)).toBe(7);
  });

  it("keeps every title as it grows far past its first size", () => {
    const seen = new SeenTitles();
    for (let i = 0; i < 50_000; i++) expect(seen.firstLineOrAdd(sha(`title ${i}`), i + 1)).toBeUndefined();
    for (let i = 0; i < 50_000; i++) expect(seen.firstLineOrAdd(sha(`title ${i}`), 99_999)).toBe(i + 1);
  });

  it("tells apart hashes that share the bits choosing their slot", () => {
    const seen = new SeenTitles();
    const first = new Uint8Array(32);
    const second = new Uint8Array(32);
    second[0] = 1; // same low 32 bits (bytes 4-7), different high ones
    const third = new Uint8Array(32);
    third[31] = 1; // differs only beyond the 64 bits compared: the same title as far as the parser knows
    expect(seen.firstLineOrAdd(first, 1)).toBeUndefined();
    expect(seen.firstLineOrAdd(second, 2)).toBeUndefined();
    expect(seen.firstLineOrAdd(first, 3)).toBe(1);
    expect(seen.firstLineOrAdd(second, 4)).toBe(2);
    expect(seen.firstLineOrAdd(third, 5)).toBe(1);
  });
});
