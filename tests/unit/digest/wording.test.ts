// Subject lines, excerpts and headings: one line, no markup surprises.
import { describe, expect, it } from "vitest";
import { digestSubject, excerpt, headingForPeriod, sectionReason, trendingReason } from "../../../lib/digest/wording";

describe("digest wording", () => {
  it("a title with newlines and control characters still gives a one-line subject", () => {
    const subject = digestSubject(10, "Line one\r\nBcc: victim@example.org\u2028\u0007 and more");
    expect(subject).toBe("PaperPulse: 10 trending papers — Line one Bcc: victim@example.org and more");
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    expect(subject).not.toMatch(/[\r\n\u2028\u0000-\u001f]/);
  });

  it("a very long title is cut at a word with an ellipsis", () => {
    const subject = digestSubject(1, "word ".repeat(60));
    expect(subject.startsWith("PaperPulse: 1 trending paper — word word")).toBe(true);
    expect(subject.endsWith("…")).toBe(true);
    expect(Array.from(subject).length).toBeLessThanOrEqual(120);
  });

  it("an excerpt is about two lines of the abstract, without its links", () => {
    const abstract = `We present a model. Code: https://github.com/a/b.\n\n${"More text follows here. ".repeat(20)}`;
    const text = excerpt(abstract);
    expect(text.startsWith("We present a model. Code: More text")).toBe(true);
    expect(text).not.toContain("http");
    expect(text.endsWith("…")).toBe(true);
    expect(Array.from(text).length).toBeLessThanOrEqual(181);
  });

  it("the heading comes from the period alone", () => {
    expect(headingForPeriod("daily:2025-04-30")).toBe("Trending papers for 2025-04-30");
    expect(headingForPeriod("weekly:2025-W18")).toBe("Trending papers, Apr 28 – May 4, 2025");
    expect(headingForPeriod("weekly:2026-W49")).toBe("Trending papers, Nov 30 – Dec 6, 2026");
    expect(headingForPeriod("weekly:2026-W53")).toBe("Trending papers, Dec 28, 2026 – Jan 3, 2027");
    expect(headingForPeriod("weekly:2026-W01")).toBe("Trending papers, Dec 29, 2025 – Jan 4, 2026");
  });
});

describe("why a paper is in the digest", () => {
  it("a trending paper names its upvotes here and on Hugging Face, and says so when it has none yet", () => {
    expect(trendingReason({ upvotes: 1 })).toBe("Trending with 1 upvote");
    expect(trendingReason({ upvotes: 1200, upstreamUpvotes: 0 })).toBe("Trending with 1,200 upvotes");
    expect(trendingReason({ upvotes: 0, upstreamUpvotes: 40 })).toBe("Trending with 40 upvotes on Hugging Face");
    expect(trendingReason({ upvotes: 3, upstreamUpvotes: 40 })).toBe("Trending with 3 upvotes, 40 on Hugging Face");
    expect(trendingReason({})).toBe("Trending among the newest papers");
  });

  it("a section's paper names its topic, saved search or followed authors on one line", () => {
    expect(sectionReason({ topic: "Video\nunderstanding" })).toBe("In your topic Video understanding");
    expect(sectionReason({ savedSearch: "diffusion" })).toBe("Matches your saved search diffusion");
    expect(sectionReason({ authors: [] })).toBe("New from an author you follow");
    expect(sectionReason({ authors: ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"] })).toBe(
      "New from Ada Lovelace, Alan Turing and 2 more",
    );
  });

  it("an 'Only my topics' email's heading says new in your topics, with the same dates", () => {
    expect(headingForPeriod("weekly:2026-W49", false)).toBe("New in your topics, Nov 30 – Dec 6, 2026");
    expect(headingForPeriod("daily:2025-04-30", false)).toBe("New in your topics for 2025-04-30");
  });
});
