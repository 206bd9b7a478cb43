// What a saved search may be: a name and a search, checked alike by every form; stored as one canonical query string.
import { describe, expect, it } from "vitest";
import { readSavedQuery, savedSearchHref, savedSearchInput } from "../../../lib/saved-searches/input";

const parse = (fields: Record<string, string>) => savedSearchInput.safeParse(fields);

describe("saving a search", () => {
  it("stores the words and filters in the search page's order, so equal searches are one string", () => {
    const a = parse({ name: "Video", q: " video  benchmark ", hasCode: "1", from: "2025-04-01" });
    const b = parse({ from: "2025-04-01", hasCode: "on", q: "video  benchmark", name: "Other" });
    expect(a.success && b.success && a.data.query === b.data.query).toBe(true);
    expect(a.data?.query).toBe("q=video+benchmark&hasCode=1&from=2025-04-01");
    expect(savedSearchHref(a.data!.query)).toBe("/search?q=video+benchmark&hasCode=1&from=2025-04-01");
  });

  it("keeps a name or query with markup as plain text (pages and emails escape it)", () => {
    const result = parse({
      name: "<b>bold</b> <script>x</script>",
      q: '<img src=x onerror=alert(1)> author:"<i>Ada</i>"',
    });
    expect(result.success).toBe(true);
    expect(result.data?.name).toBe("<b>bold</b> <script>x</script>");
    expect(readSavedQuery(result.data!.query)).toEqual({
      text: "<img src=x onerror=alert(1)>",
      author: "<i>Ada</i>",
      from: undefined,
      to: undefined,
      hasCode: false,
    });
  });

  it("accepts a 500-character query and refuses a longer one with the limit", () => {
    expect(parse({ q: "a".repeat(500) }).success).toBe(true);
    const long = parse({ q: "a".repeat(501) });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe("A search can be at most 500 characters long; shorten it.");
  });

  it("refuses an empty search, a long name, a bad date and a reversed range, each saying why", () => {
    expect(parse({ q: "  " }).error?.issues[0]?.message).toMatch(/Type some words/);
    expect(parse({ q: "x", name: "n".repeat(81) }).error?.issues[0]?.message).toBe(
      "Keep the name to 80 characters or fewer.",
    );
    expect(parse({ q: "x", from: "2025-02-30" }).error?.issues[0]?.message).toBe("From must be a date like 2025-04-30");
    expect(parse({ q: "x", from: "2025-05-02", to: "2025-05-01" }).error?.issues[0]?.message).toBe(
      "From must not be after To.",
    );
  });

  it("names an unnamed search after its words; control characters in a name become spaces", () => {
    expect(parse({ q: "grounding" }).data?.name).toBe("grounding");
    expect(parse({ q: "x", name: "a\u0000b\nc" }).data?.name).toBe("a b c");
  });
});
