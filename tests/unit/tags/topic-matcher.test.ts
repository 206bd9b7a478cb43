import { describe, expect, it } from "vitest";
import { compileTopics, taxonomyProblems, topicSlugsFor, topicWords } from "../../../lib/tags/topic-matcher";
import { TOPICS, type Topic } from "../../../lib/tags/topic-taxonomy";

const topic = (slug: string, title: string[], abstract: string[] = []): Topic => ({
  slug,
  name: slug,
  description: "",
  title,
  abstract,
});

describe("the topic matcher", () => {
  const matcher = compileTopics([
    topic("moe", ["mixture of experts", "moe"], ["mixture of experts"]),
    topic("video", ["video*"], ["long video*", "video understanding"]),
    topic("survey", ["survey"], []),
  ]);

  it("reads whole words, case-insensitive, across hyphens and punctuation", () => {
    expect(topicSlugsFor(matcher, "Uni-MoE: Scaling Mixture-of-Experts", "")).toEqual(["moe"]);
    expect(topicSlugsFor(matcher, "MOEBIUS strips", "")).toEqual([]);
    expect(topicSlugsFor(matcher, "Videography", "")).toEqual(["video"]);
    expect(topicSlugsFor(matcher, "Pre-video", "")).toEqual(["video"]);
    expect(topicSlugsFor(matcher, "A Surveyor's Kit", "")).toEqual([]);
  });

  it("counts abstract terms only from the abstract list, and phrases only within a sentence", () => {
    expect(topicSlugsFor(matcher, "Kernels", "We survey things.")).toEqual([]);
    expect(topicSlugsFor(matcher, "Kernels", "Results on LONG VIDEOS are strong.")).toEqual(["video"]);
    expect(topicSlugsFor(matcher, "Kernels", "We study long. Videos are fine.")).toEqual([]);
    expect(topicSlugsFor(matcher, "Kernels", "A model of video; understanding comes later.")).toEqual([]);
    expect(topicSlugsFor(matcher, "Kernels", "Sparse mixture-of-experts layers.")).toEqual(["moe"]);
  });

  it("folds accents and ignores other characters", () => {
    expect(topicWords("Vidéo 🎥 über-MoE, 3D!")).toEqual(["video", "uber", "moe", "3d"]);
    expect(topicSlugsFor(matcher, "Vidéo analysis", "")).toEqual(["video"]);
  });

  it("returns topics in taxonomy order", () => {
    expect(topicSlugsFor(matcher, "A Survey of Video MoE", "")).toEqual(["moe", "video", "survey"]);
  });
});

describe("the shipped taxonomy", () => {
  it("has no problems and compiles", () => {
    expect(taxonomyProblems(TOPICS)).toEqual([]);
    expect(() => compileTopics(TOPICS)).not.toThrow();
  });

  it("reports bad slugs, duplicates and bad terms", () => {
    expect(
      taxonomyProblems([
        topic("Bad Slug", ["x"]),
        topic("dup", ["ok"]),
        topic("dup", ["Capital", "ab*", "two  spaces"]),
        topic("empty", []),
      ]),
    ).toEqual([
      'topic slug "Bad Slug" must be lowercase letters and digits joined by "-"',
      'topic slug "dup" is used twice',
      'topic "dup": term "Capital" has "Capital"; use lowercase letters and digits, one space between words, "*" only after 3 or more letters',
      'topic "dup": term "ab*" has "ab*"; use lowercase letters and digits, one space between words, "*" only after 3 or more letters',
      'topic "dup": term "two  spaces" has ""; use lowercase letters and digits, one space between words, "*" only after 3 or more letters',
      'topic "empty" needs at least one title term',
    ]);
  });
});
