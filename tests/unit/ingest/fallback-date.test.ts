// A stand-in date lets the admin preview read a file that has no date in one pass; the file's own date,
// or one passed in, always wins over it.
import { describe, expect, it } from "vitest";
import { parseAnyDigest } from "../../../lib/ingest/parse-any";
import type { DigestEvent, ParseOptions } from "../../../lib/ingest/types";

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

async function dateEvent(text: string, options: ParseOptions): Promise<DigestEvent | undefined> {
  for await (const event of parseAnyDigest(once(text), options)) if (event.type === "date") return event;
  return undefined;
}

const undatedText = "An Undated Paper\n\nIts abstract.\n";
const datedText = `May 2, 2025\n\n${undatedText}`;
const undatedJson = JSON.stringify([{ paper: { id: "2505.00001", title: "A JSON Paper", summary: "An abstract." } }]);
const datedJson = JSON.stringify([
  { paper: { id: "2505.00001", title: "A JSON Paper", summary: "An abstract.", publishedAt: "2025-05-02T09:00:00Z" } },
]);

describe("a stand-in digest date", () => {
  it.each([
    ["a text digest", undatedText],
    ["Hugging Face JSON", undatedJson],
  ])("%s with no date takes it, marked as a fallback", async (_, text) => {
    expect(await dateEvent(text, { today: "2025-05-09", fallbackDate: "2025-05-09" })).toEqual({
      type: "date",
      date: "2025-05-09",
      line: null,
      fallback: true,
    });
  });

  it.each([
    ["a text digest", datedText, 1],
    ["Hugging Face JSON", datedJson, null],
  ])("%s with its own date keeps it", async (_, text, line) => {
    expect(await dateEvent(text, { today: "2025-05-09", fallbackDate: "2025-05-09" })).toEqual({
      type: "date",
      date: "2025-05-02",
      line,
    });
  });

  it("loses to a date passed in", async () => {
    const options = { today: "2025-05-09", date: "2025-05-04", fallbackDate: "2025-05-09" };
    expect(await dateEvent(undatedText, options)).toEqual({ type: "date", date: "2025-05-04", line: null });
    expect(await dateEvent(undatedJson, options)).toEqual({ type: "date", date: "2025-05-04", line: null });
  });

  it("without one, a file with no date is still refused", async () => {
    await expect(dateEvent(undatedText, { today: "2025-05-09" })).rejects.toThrow(/no digest date found/);
    await expect(dateEvent(undatedJson, { today: "2025-05-09" })).rejects.toThrow(/no digest date found/);
  });
});
