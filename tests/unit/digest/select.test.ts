// Digest selection from injected candidates: no database, no clock.
import { describe, expect, it } from "vitest";
import { selectDigestFor, type DigestCandidate } from "../../../lib/digest/select";

const day = "2025-05-01";
/** Hottest first; tags by id. createdAt 1000 + id, so "previous digest at 1010" means papers 11+ are new. */
const candidates: DigestCandidate[] = Array.from({ length: 30 }, (_, i) => ({
  id: i + 1,
  firstSeen: i < 25 ? day : "2025-04-28",
  createdAt: 1000 + i + 1,
  tagIds: (i + 1) % 3 === 0 ? [7] : (i + 1) % 5 === 0 ? [8, 7] : [],
}));
const firstReader = { topics: [] as number[], alreadySent: new Set<number>(), previousDigestAt: null };

describe("choosing a subscriber's papers", () => {
  it("a first digest carries the hottest papers of its first-digest window, in trending order", () => {
    const selection = selectDigestFor(firstReader, candidates, { topN: 5, firstDigestFrom: day });
    expect(selection).toEqual({ top: [1, 2, 3, 4, 5], sections: [] });
  });

  it("never includes a paper the subscriber was already sent", () => {
    const selection = selectDigestFor({ ...firstReader, alreadySent: new Set([1, 3, 4]) }, candidates, {
      topN: 3,
      firstDigestFrom: day,
    });
    expect(selection?.top).toEqual([2, 5, 6]);
  });

  it("after a previous digest, only papers that arrived since then count", () => {
    const selection = selectDigestFor({ ...firstReader, previousDigestAt: 1027 }, candidates, {
      topN: 10,
      firstDigestFrom: day,
    });
    // 28-30 arrived later; 26-30 were first seen before the first-digest window, which only a first digest uses.
    expect(selection?.top).toEqual([28, 29, 30]);
  });

  it("adds a section per followed topic with its hottest papers not already in the email", () => {
    const selection = selectDigestFor({ ...firstReader, topics: [8, 7] }, candidates, {
      topN: 4,
      perTopic: 2,
      firstDigestFrom: day,
    });
    expect(selection).toEqual({
      top: [1, 2, 3, 4],
      sections: [
        { tagId: 8, ids: [5, 10] },
        // 5 and 10 also carry 7 but are already in the email.
        { tagId: 7, ids: [6, 9] },
      ],
    });
  });

  it("leaves out a followed topic with nothing new", () => {
    const selection = selectDigestFor({ ...firstReader, topics: [99, 7] }, candidates, {
      topN: 2,
      perTopic: 1,
      firstDigestFrom: day,
    });
    expect(selection?.sections).toEqual([{ tagId: 7, ids: [3] }]);
  });

  it("returns null when nothing is new, so no email is sent", () => {
    const everything = new Set(candidates.map((c) => c.id));
    expect(
      selectDigestFor({ ...firstReader, topics: [7], alreadySent: everything }, candidates, { firstDigestFrom: day }),
    ).toBeNull();
    expect(
      selectDigestFor({ ...firstReader, previousDigestAt: 5000 }, candidates, { firstDigestFrom: day }),
    ).toBeNull();
    expect(selectDigestFor(firstReader, [], { firstDigestFrom: day })).toBeNull();
  });

  it("combines all the rules: sent papers left out, sections in the order topics are followed, no paper twice", () => {
    const reader = { topics: [7, 8], alreadySent: new Set([2]), previousDigestAt: null };
    const options = { topN: 3, perTopic: 2, firstDigestFrom: day };
    expect(selectDigestFor(reader, candidates, options)).toEqual({
      top: [1, 3, 4],
      sections: [
        // Topic 7: 3 is already in the top list.
        { tagId: 7, ids: [5, 6] },
        // Topic 8: 5 went to topic 7's section.
        { tagId: 8, ids: [10, 20] },
      ],
    });
  });
});

describe("'Only my topics': no trending part, only the followed topics' papers", () => {
  const onlyTopics = (topics: number[]) => ({ ...firstReader, topics, topicsOnly: true });

  it("a single topic gets the trending part's room: up to topN of its hottest new papers", () => {
    const selection = selectDigestFor(onlyTopics([8]), candidates, { topN: 10, perTopic: 3, firstDigestFrom: day });
    // Tag 8 is on 5, 10, 20 and 25 in the window (30 was first seen before it); nothing else is sent.
    expect(selection).toEqual({ top: [], sections: [{ tagId: 8, ids: [5, 10, 20, 25] }] });
  });

  it("several topics share that room, each at least perTopic, and a paper still appears once", () => {
    const selection = selectDigestFor(onlyTopics([8, 7]), candidates, { topN: 4, perTopic: 1, firstDigestFrom: day });
    expect(selection).toEqual({
      top: [],
      sections: [
        { tagId: 8, ids: [5, 10] },
        { tagId: 7, ids: [3, 6] },
      ],
    });
  });

  it("with nothing new in the topics there is no email, however much is trending", () => {
    expect(selectDigestFor(onlyTopics([99]), candidates, { topN: 5, firstDigestFrom: day })).toBeNull();
  });

  it("with no topic left (every followed topic removed), the reader gets the trending digest instead of nothing", () => {
    const selection = selectDigestFor(onlyTopics([]), candidates, { topN: 3, firstDigestFrom: day });
    expect(selection).toEqual({ top: [1, 2, 3], sections: [] });
  });

  it("'Trending plus my topics' (the default) keeps the trending part first", () => {
    const selection = selectDigestFor({ ...onlyTopics([8]), topicsOnly: false }, candidates, {
      topN: 3,
      perTopic: 2,
      firstDigestFrom: day,
    });
    expect(selection).toEqual({ top: [1, 2, 3], sections: [{ tagId: 8, ids: [5, 10] }] });
  });
});
