// COPY text format: what the importer sends PostgreSQL for each staged paper.
import { describe, expect, it } from "vitest";
import { arrayLiteral, copyTextRow } from "../../../lib/ingest/copy-text";

describe("copyTextRow", () => {
  it("escapes backslashes, tabs, newlines and carriage returns wherever they are, and nothing else", () => {
    expect(copyTextRow(["C:\\path", "a\tb", "line\nbreak", "cr\rhere", "plain, “quoted” é", 42, null])).toBe(
      "C:\\\\path\ta\\tb\tline\\nbreak\tcr\\rhere\tplain, “quoted” é\t42\t\\N\n",
    );
  });

  it("escapes every occurrence, not only the first, at the start and at the end", () => {
    expect(copyTextRow(["\\a\\b\\", "\t\t"])).toBe("\\\\a\\\\b\\\\\t\\t\\t\n");
  });

  it("writes a text[] literal that COPY's own escaping keeps intact", () => {
    expect(copyTextRow([arrayLiteral(['Ada "the" Lovelace', "back\\slash"])])).toBe(
      '{"Ada \\\\"the\\\\" Lovelace","back\\\\\\\\slash"}\n',
    );
  });
});
