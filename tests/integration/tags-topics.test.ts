// Automatic topic tags at import: the sample digest through the real importer, then a changed paper.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { TOPICS } from "../../lib/tags/topic-taxonomy";
import { setUpTestDatabase } from "../support/database";
import { digestText, textSource } from "./helpers/text-source";

const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const testDb = setUpTestDatabase();
const options = { today: "2025-05-10", importedBy: "cli:test" };

/** The topic slugs of the paper whose title starts with `title`, sorted. */
async function topicsOf(title: string): Promise<string[]> {
  const { rows } = await testDb.pool.query<{ slugs: string[] }>(
    `SELECT coalesce(array_agg(t.slug ORDER BY t.slug) FILTER (WHERE pt.automatic), '{}') AS slugs
     FROM paper p LEFT JOIN paper_tag pt ON pt.paper_id = p.id LEFT JOIN tag t ON t.id = pt.tag_id
     WHERE p.title LIKE $1 || '%' GROUP BY p.id`,
    [title],
  );
  if (rows.length !== 1) throw new Error(`expected one paper titled "${title}…", found ${rows.length}`);
  return rows[0]!.slugs;
}

async function countsAreExact(): Promise<void> {
  const { rows } = await testDb.pool.query(
    `SELECT t.slug, t.paper_count, (SELECT count(*) FROM paper_tag pt WHERE pt.tag_id = t.id)::int AS actual FROM tag t
     WHERE t.paper_count <> (SELECT count(*) FROM paper_tag pt WHERE pt.tag_id = t.id)`,
  );
  expect(rows).toEqual([]);
}

beforeAll(async () => {
  const summary = await importDigest(testDb.pool, await fileSource(samplePath), options);
  expect(summary.counts.new).toBe(94);
});

describe("topic tags of the sample digest", () => {
  it("gives at least 90% of the 94 papers one or more topics", async () => {
    const {
      rows: [row],
    } = await testDb.pool.query<{ tagged: number; papers: number }>(
      `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM paper_tag pt WHERE pt.paper_id = p.id AND pt.automatic))::int AS tagged,
              count(*)::int AS papers FROM paper p`,
    );
    expect(row!.papers).toBe(94);
    expect(row!.tagged / row!.papers).toBeGreaterThanOrEqual(0.9);
  });

  it("creates one TOPIC tag per topic of the taxonomy, with exact paper counts", async () => {
    const { rows } = await testDb.pool.query<{ slug: string; name: string; kind: string }>(
      `SELECT slug, name, kind::text FROM tag ORDER BY slug`,
    );
    expect(rows).toEqual(
      TOPICS.map((topic) => ({ slug: topic.slug, name: topic.name, kind: "TOPIC" })).sort((a, b) =>
        a.slug.localeCompare(b.slug),
      ),
    );
    await countsAreExact();
  });

  it.each([
    ["Video-MME: The First-Ever", ["benchmark", "video"]],
    [
      "Towards a Multimodal Large Language Model with Pixel-Level Insight for Biomedicine",
      ["medical", "mixture-of-experts", "grounding-segmentation"],
    ],
    ["Uni-MoE: Scaling Unified", ["mixture-of-experts"]],
    ["MME-Survey: A Comprehensive Survey", ["benchmark", "survey"]],
    ["Ponder & Press: Advancing Visual GUI Agent", ["gui-agents"]],
    ["V-Zen: Efficient GUI Understanding", ["gui-agents", "grounding-segmentation"]],
    ["SEED-Bench-2-Plus", ["benchmark", "document-ocr"]],
    ["Marten: Visual Question Answering with Mask Generation for Multi-modal Document", ["document-ocr"]],
    ["ChartBench:", ["benchmark", "document-ocr", "reasoning-math"]],
    ["3DAxisPrompt:", ["3d", "grounding-segmentation"]],
    ["Language-Image Models with 3D Understanding", ["3d"]],
    ["Large Language Models Are Strong Audio-Visual Speech Recognition", ["audio-speech"]],
    ["GeoPix:", ["remote-sensing", "grounding-segmentation"]],
    ["Towards Harmless Multimodal Assistants", ["alignment-safety"]],
    ["MediConfusion:", ["medical", "benchmark", "alignment-safety"]],
    ["MM-Embed: Universal Multimodal Retrieval", ["retrieval-rag"]],
    ["Molar: Multimodal LLMs with Collaborative Filtering", ["recommendation"]],
    ["LLaVA-KD: A Framework of Distilling", ["efficiency"]],
    ["DialogGen:", ["image-generation"]],
    ["EmbodiedEval:", ["benchmark", "embodied-robotics"]],
  ])("%s… has the topics %j", async (title, expected) => {
    expect(await topicsOf(title)).toEqual(expect.arrayContaining(expected));
  });

  it.each([
    ["Video-MME: The First-Ever", ["medical", "survey", "audio-speech"]],
    ["Uni-MoE: Scaling Unified", ["medical", "video", "remote-sensing"]],
    ["Towards a Multimodal Large Language Model with Pixel-Level Insight for Biomedicine", ["video", "recommendation"]],
    // "Temporal Images" of radiology are not video; "Document-level Corpus" is web text, not OCR.
    ["Libra: Leveraging Temporal Images", ["video"]],
    ["mOSCAR:", ["document-ocr"]],
    // Merging "vision experts" is not a mixture-of-experts model; retrieval-augmented "generation" is not image generation.
    ["DenseFusion-1M:", ["mixture-of-experts"]],
    ["MLLM Is a Strong Reranker", ["image-generation", "unified-generation"]],
    ["Multilingual Large Language Models: A Systematic Survey", ["medical", "benchmark"]],
    ["Ponder & Press", ["medical", "video"]],
  ])("%s… does not get %j", async (title, wrong) => {
    const topics = await topicsOf(title);
    for (const slug of wrong) expect(topics).not.toContain(slug);
  });
});

describe("topic tags of later imports", () => {
  const TITLE = "Koala Kernels: A Study of Marsupial Compute";

  it("tags a new paper, and a changed abstract moves its topics (people's tags stay)", async () => {
    await importDigest(
      testDb.pool,
      textSource(
        "may-2.txt",
        digestText("2025-05-02", [
          {
            title: TITLE,
            abstract: "We study radiology reports and medical imaging with a video benchmark of long videos.",
          },
        ]),
      ),
      options,
    );
    expect(await topicsOf(TITLE)).toEqual(["medical", "video"]);

    // Someone also applied "medical" by hand: when the text stops matching, their tag stays, not automatic.
    await testDb.pool.query(`INSERT INTO app_user (id, email) VALUES ('u-koala', 'koala@example.org')`);
    await testDb.pool.query(
      `INSERT INTO paper_user_tag (paper_id, tag_id, user_id) SELECT p.id, t.id, 'u-koala' FROM paper p, tag t WHERE p.title = $1 AND t.slug = 'medical'`,
      [TITLE],
    );
    await testDb.pool.query(
      `UPDATE paper_tag SET user_count = 1 FROM paper p, tag t WHERE p.title = $1 AND t.slug = 'medical' AND paper_tag.paper_id = p.id AND paper_tag.tag_id = t.id`,
      [TITLE],
    );

    const changed = await importDigest(
      testDb.pool,
      textSource(
        "may-3.txt",
        digestText("2025-05-03", [
          { title: TITLE, abstract: "A survey of kernels for marsupials. This survey maps the field." },
        ]),
      ),
      options,
    );
    expect(changed.counts.updated).toBe(1);
    expect(await topicsOf(TITLE)).toEqual(["survey"]);
    const { rows } = await testDb.pool.query(
      `SELECT t.slug, pt.automatic, pt.user_count FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id JOIN paper p ON p.id = pt.paper_id
       WHERE p.title = $1 ORDER BY t.slug`,
      [TITLE],
    );
    expect(rows).toEqual([
      { slug: "medical", automatic: false, user_count: 1 },
      { slug: "survey", automatic: true, user_count: 0 },
    ]);
    await countsAreExact();
  });

  it("leaves the tags of an unchanged re-import alone", async () => {
    const before = await testDb.pool.query(
      `SELECT paper_id, tag_id, automatic, user_count FROM paper_tag ORDER BY 1, 2`,
    );
    const again = await importDigest(testDb.pool, await fileSource(samplePath), options);
    expect(again.status).toBe("UNCHANGED");
    const after = await testDb.pool.query(
      `SELECT paper_id, tag_id, automatic, user_count FROM paper_tag ORDER BY 1, 2`,
    );
    expect(after.rows).toEqual(before.rows);
    await countsAreExact();
  });
});
