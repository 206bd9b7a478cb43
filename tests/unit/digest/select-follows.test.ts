// The digest's followed-authors and saved-search sections, chosen from injected candidates: no database, no clock.
import { describe, expect, it } from "vitest";
import { createDigestComposer } from "../../../lib/digest/compose";
import { decodePaperList, encodePaperList, papersIn } from "../../../lib/digest/paper-list";
import { indexCandidates, selectDigestFor, type DigestCandidate } from "../../../lib/digest/select";
import { sectionHeading } from "../../../lib/digest/wording";

const day = "2025-05-01";
/** Hottest first. Paper 6 and 9 are by "ada lovelace"; 7 also by "alan turing"; 10 by "alan turing"; 8 tagged 5. */
const candidates: DigestCandidate[] = Array.from({ length: 12 }, (_, i) => {
  const id = i + 1;
  const authorKeys =
    id === 6 || id === 9
      ? ["ada lovelace"]
      : id === 7
        ? ["alan turing", "ada lovelace"]
        : id === 10
          ? ["alan turing"]
          : [];
  return { id, firstSeen: day, createdAt: 1000 + id, tagIds: id === 8 || id === 11 ? [5] : [], authorKeys };
});
const reader = { topics: [] as number[], alreadySent: new Set<number>(), previousDigestAt: null };
const options = { topN: 3, perTopic: 2, perAuthors: 2, firstDigestFrom: day };

describe("followed authors and saved searches in the digest", () => {
  it("adds a followed-authors section with their hottest new papers after the trending part", () => {
    const selection = selectDigestFor({ ...reader, authors: ["ada lovelace", "alan turing"] }, candidates, options);
    expect(selection).toEqual({ top: [1, 2, 3], sections: [{ followedAuthors: true, ids: [6, 7] }] });
  });

  it("gives each saved search its own section, with the papers its period run matched", () => {
    const searches = [
      { id: 41, matches: new Set([2, 5, 8, 12]) },
      { id: 42, matches: new Set([4, 9]) },
    ];
    const selection = selectDigestFor({ ...reader, searches }, candidates, options);
    expect(selection?.sections).toEqual([
      { searchId: 41, ids: [5, 8] },
      { searchId: 42, ids: [4, 9] },
    ]);
  });

  it("puts a paper once, in its first section: authors, then saved searches, then topics", () => {
    const searches = [{ id: 41, matches: new Set([6, 8, 10]) }];
    const selection = selectDigestFor({ ...reader, topics: [5], authors: ["ada lovelace"], searches }, candidates, {
      ...options,
      perAuthors: 1,
    });
    // 6 goes to the authors' section (full at one); 8 and 10 to the search; topic 5 then has 11 left.
    expect(selection?.sections).toEqual([
      { followedAuthors: true, ids: [6] },
      { searchId: 41, ids: [8, 10] },
      { tagId: 5, ids: [11] },
    ]);
    const all = papersIn(selection!);
    expect(new Set(all).size).toBe(all.length);
  });

  it("a period's shared candidate index chooses exactly what each reader's own scan would", () => {
    const index = indexCandidates(candidates);
    const searches = [{ id: 41, matches: new Set([6, 8, 10]) }];
    for (const r of [
      { ...reader, topics: [5], authors: ["ada lovelace"], searches },
      { ...reader, authors: ["alan turing"], alreadySent: new Set([1, 7]) },
    ]) {
      expect(selectDigestFor(r, candidates, options, index)).toEqual(selectDigestFor(r, candidates, options));
    }
  });

  it("stops adding section papers once the sections hold maxSectionPapers together, first sections first", () => {
    const searches = [{ id: 41, matches: new Set([8, 10, 11]) }];
    const selection = selectDigestFor({ ...reader, topics: [5], authors: ["ada lovelace"], searches }, candidates, {
      ...options,
      maxSectionPapers: 3,
    });
    expect(selection?.sections).toEqual([
      { followedAuthors: true, ids: [6, 7] },
      { searchId: 41, ids: [8] },
    ]);
  });

  it("leaves out papers already sent, so a later digest never repeats them", () => {
    const selection = selectDigestFor(
      { ...reader, authors: ["ada lovelace"], alreadySent: new Set([6, 7]) },
      candidates,
      options,
    );
    expect(selection?.sections).toEqual([{ followedAuthors: true, ids: [9] }]);
  });

  it("without follows or searches (the reader chose no such sections) the email is as before", () => {
    expect(selectDigestFor({ ...reader, authors: [], searches: [] }, candidates, options)).toEqual({
      top: [1, 2, 3],
      sections: [],
    });
  });

  it("stores every kind of section in the ledger's int[] and reads it back unchanged", () => {
    const selection = {
      top: [1, 2],
      sections: [
        { followedAuthors: true as const, ids: [6] },
        { searchId: 999_999_999, ids: [8] },
        { tagId: 5, ids: [11] },
      ],
    };
    const list = encodePaperList(selection);
    expect(list.every((n) => Number.isInteger(n) && n >= -2_147_483_648 && n <= 2_147_483_647)).toBe(true);
    expect(decodePaperList(list)).toEqual(selection);
  });

  it("refuses a section id the ledger cannot tell apart, naming it", () => {
    expect(() => encodePaperList({ top: [1], sections: [{ searchId: 1_000_000_000, ids: [2] }] })).toThrow(
      /1000000000 out of range/,
    );
  });

  it("names the sections, and a saved search named with markup reaches the email as text", () => {
    expect(sectionHeading({ followedAuthors: true })).toBe("New from authors you follow");
    expect(sectionHeading({ savedSearch: "video\nbench" })).toBe("New for your saved search video bench");
    const paper = { id: 1, slug: "1-a", title: "A paper", abstract: "About it.", codeUrl: null };
    const composer = createDigestComposer({ siteUrl: "https://papers.example.org" });
    const content = {
      heading: "Trending papers for 2025-05-01",
      top: [paper],
      sections: [
        { heading: sectionHeading({ savedSearch: '<script>alert("x")</script>' }), papers: [{ ...paper, id: 2 }] },
      ],
    };
    const message = composer.compose(content, { email: "a@example.org", token: "tok" });
    expect(message.html).not.toContain("<script>");
    expect(message.html).toContain("New for your saved search &lt;script&gt;");
    expect(message.html).toBe(`${composer.renderWhole(content, { email: "a@example.org", token: "tok" }).html}`);
    expect(message.text).toContain('New for your saved search <script>alert("x")</script>');
  });
});
