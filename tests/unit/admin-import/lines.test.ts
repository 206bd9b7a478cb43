// The offending text a preview shows next to a problem: the file's line, counted as the parser counts lines.
import { describe, expect, it } from "vitest";
import { linesOf } from "../../../lib/admin-import/summarize";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("a problem's line text", () => {
  it("counts LF, CRLF and lone CR line breaks alike, and trims the line", () => {
    const text = "one\r\ntwo\rthree\n  four  \nfive";
    expect(linesOf(bytes(text), new Set([1, 2, 3, 4, 5]))).toEqual(
      new Map([
        [1, "one"],
        [2, "two"],
        [3, "three"],
        [4, "four"],
        [5, "five"],
      ]),
    );
  });

  it("cuts a very long line and ignores lines past the end", () => {
    const found = linesOf(bytes(`short\n${"x".repeat(500)}\n`), new Set([2, 9]));
    expect(found.get(2)).toHaveLength(200);
    expect(found.get(2)!.endsWith("…")).toBe(true);
    expect(found.has(9)).toBe(false);
  });
});
