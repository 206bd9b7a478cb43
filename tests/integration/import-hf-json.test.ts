// Importing Hugging Face daily-papers JSON: authors, arXiv ids, upstream upvotes and trending, and one
// paper per title or arXiv id across both formats.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { trendingBoost } from "../../lib/trending/score";
import { setUpTestDatabase } from "../support/database";
import { catalogueCounts } from "./helpers/catalogue";
import { projectRoot } from "./helpers/run-cli";
import { textSource } from "./helpers/text-source";

const db = setUpTestDatabase();
const options = { today: "2025-05-06", importedBy: "cli:test" };
const fixture = (name: string) => path.join(projectRoot, "tests", "fixtures", name);
const sample = path.join(projectRoot, "prisma", "seed", "sample-digest-2025-04-30.txt");

async function paper(title: string) {
  const { rows } = await db.pool.query(
    `SELECT id, title, arxiv_id, authors, upstream_upvotes, upvote_count, trending_boost, slug FROM paper WHERE title = $1`,
    [title],
  );
  return rows[0];
}

describe("a day of Hugging Face JSON", () => {
  it("imports its papers with arXiv ids, authors and upstream upvotes, and records the format", async () => {
    const summary = await importDigest(db.pool, await fileSource(fixture("hf-daily-papers-2025-05-02.json")), options);

    expect(summary).toMatchObject({
      status: "IMPORTED",
      format: "HF_JSON",
      digestDate: "2025-05-02",
      counts: { new: 6, updated: 0, unchanged: 0, skipped: 2 },
    });
    expect(summary.problems.map((p) => p.message)).toEqual([
      'entry 5: no summary, skipped: "A Paper Whose Summary Has Not Been Fetched Yet"',
      'entry 7: duplicate of entry 2, skipped: "Token-efficient long video understanding for multimodal LLMs"',
    ]);
    expect(
      await paper("VideoChat-R1: Enhancing Spatio-Temporal Perception via Reinforcement Fine-Tuning"),
    ).toMatchObject({
      arxiv_id: "2505.00101",
      authors: ["Xinhao Li", "Ziang Yan", "Desen Meng", "Limin Wang"],
      upstream_upvotes: 42,
      upvote_count: 0,
    });
    expect(await paper("Seeing Is Not Reasoning: A Benchmark for Visual Chain-of-Thought")).toMatchObject({
      authors: [],
      upstream_upvotes: 9,
    });
    expect(await paper("Audio-Visual Instruction Tuning with Interleaved Speech and Frames")).toMatchObject({
      upstream_upvotes: 0,
    });
    const {
      rows: [run],
    } = await db.pool.query(`SELECT format FROM import_run WHERE id = $1`, [summary.importRunId]);
    expect(run!.format).toBe("HF_JSON");
    const {
      rows: [digest],
    } = await db.pool.query(`SELECT source FROM digest WHERE date = '2025-05-02'`);
    expect(digest!.source).toBe("hf-daily-papers-json");
  });

  it("moves the trending boost by the upstream count, weighted apart from local votes", async () => {
    const popular = await paper("InternVL-X: Scaling Open Multimodal Models to Frontier Performance");
    const quiet = await paper("Audio-Visual Instruction Tuning with Interleaved Speech and Frames");
    expect(popular.trending_boost).toBeCloseTo(trendingBoost({ upvotes: 0, saves: 0, tags: 0, upstream: 128 }), 4);
    expect(popular.trending_boost).toBeLessThan(trendingBoost({ upvotes: 128, saves: 0, tags: 0 }));
    expect(quiet.trending_boost).toBe(0);
  });

  it("imports the same file again as unchanged, and a newer count moves the boost again", async () => {
    const again = await importDigest(db.pool, await fileSource(fixture("hf-daily-papers-2025-05-02.json")), options);
    expect(again).toMatchObject({ status: "UNCHANGED", counts: { new: 0, updated: 0, unchanged: 6 } });

    const bumped = readFileSync(fixture("hf-daily-papers-2025-05-02.json"), "utf8").replace(
      '"upvotes": 128',
      '"upvotes": 300',
    );
    const summary = await importDigest(db.pool, textSource("bumped.json", bumped), options);
    expect(summary).toMatchObject({ status: "IMPORTED", counts: { new: 0, updated: 1, unchanged: 5 } });
    const popular = await paper("InternVL-X: Scaling Open Multimodal Models to Frontier Performance");
    expect(popular).toMatchObject({ upstream_upvotes: 300 });
    expect(popular.trending_boost).toBeCloseTo(trendingBoost({ upvotes: 0, saves: 0, tags: 0, upstream: 300 }), 4);
  });

  it("keeps a title with markup as plain text", async () => {
    expect(
      await paper(`<script>alert("pwned")</script> Robust Jailbreak Detection for Vision-Language Models`),
    ).toMatchObject({
      arxiv_id: "2505.00106",
    });
  });
});

describe("one paper across both formats", () => {
  it("a JSON file of papers first imported from text adds no papers and fills authors, arXiv ids and upstream counts", async () => {
    await importDigest(db.pool, await fileSource(sample), { ...options, date: "2025-04-30" });
    const before = await catalogueCounts(db.pool);

    const summary = await importDigest(
      db.pool,
      await fileSource(fixture("hf-daily-papers-2025-04-30-overlap.json")),
      options,
    );

    expect(summary).toMatchObject({
      status: "IMPORTED",
      digestDate: "2025-04-30",
      counts: { new: 0, updated: 3, unchanged: 0 },
      entriesAdded: 0,
    });
    expect(await catalogueCounts(db.pool)).toEqual({ ...before, import_run: before.import_run + 1 });
    const uniMoe = await paper("Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts");
    expect(uniMoe).toMatchObject({ arxiv_id: "2405.11273", upstream_upvotes: 27 });
    expect(uniMoe.authors).toHaveLength(8);
    expect(uniMoe.trending_boost).toBeCloseTo(trendingBoost({ upvotes: 0, saves: 0, tags: 0, upstream: 27 }), 4);
    expect(await paper("ILLUME: Illuminating Your LLMs to See, Draw, and Self-Enhance")).toMatchObject({
      arxiv_id: "2412.06673",
      upstream_upvotes: 0,
    });
  });

  it("a JSON paper under another title but the same arXiv id updates the known paper instead of adding one", async () => {
    const known = await paper("Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts");
    const before = await catalogueCounts(db.pool);

    const summary = await importDigest(
      db.pool,
      await fileSource(fixture("hf-daily-papers-2025-05-06-retitled.json")),
      options,
    );

    expect(summary).toMatchObject({
      status: "IMPORTED",
      digestDate: "2025-05-06",
      counts: { new: 0, updated: 1 },
      entriesAdded: 1,
      problems: [],
    });
    expect((await catalogueCounts(db.pool)).paper).toBe(before.paper);
    // The title and slug it was first imported with stay: its page's URL does not move.
    expect(await paper("Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts")).toMatchObject({
      id: known.id,
      slug: known.slug,
      upstream_upvotes: 64,
      authors: ["Yunxin Li", "Shenyuan Jiang", "Baotian Hu", "Min Zhang"],
    });
    const { rows } = await db.pool.query(
      `SELECT to_char(d.date, 'YYYY-MM-DD') AS date FROM digest_entry e JOIN digest d ON d.id = e.digest_id WHERE e.paper_id = $1 ORDER BY d.date`,
      [known.id],
    );
    expect(rows.map((r) => r.date)).toEqual(["2025-04-30", "2025-05-06"]);
  });

  it("a text digest that lists a JSON-imported paper keeps its authors and upstream count", async () => {
    const text = `May 7, 2025\n\nVideoChat-R1: Enhancing Spatio-Temporal Perception via Reinforcement Fine-Tuning\n\nA shorter abstract from the page.\n`;
    const summary = await importDigest(db.pool, textSource("may-7.txt", text), options);
    expect(summary).toMatchObject({ status: "IMPORTED", format: "TEXT", counts: { new: 0, updated: 1 } });
    expect(
      await paper("VideoChat-R1: Enhancing Spatio-Temporal Perception via Reinforcement Fine-Tuning"),
    ).toMatchObject({
      authors: ["Xinhao Li", "Ziang Yan", "Desen Meng", "Limin Wang"],
      upstream_upvotes: 42,
      arxiv_id: "2505.00101",
    });
  });
});

describe("files that cannot be imported", () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const cases = [
    {
      name: "hf-daily-papers-wrong-shape-title-type.json",
      error: "entry 3: paper.title must be a string, got number 20250503",
      format: "HF_JSON",
    },
    {
      name: "hf-daily-papers-wrong-shape-error-object.json",
      error: /^expected a JSON array of daily-paper entries/,
      format: "HF_JSON",
    },
    {
      name: "hf-daily-papers-wrong-shape-models.json",
      error: /^entry 1 has neither a "paper" object nor a "title"/,
      format: "HF_JSON",
    },
  ];

  it.each(cases)(
    "$name: rejected with what is wrong, nothing written but the attempt",
    async ({ name, error, format }) => {
      const before = await catalogueCounts(db.pool);
      const summary = await importDigest(db.pool, await fileSource(fixture(name)), options);
      expect(summary).toMatchObject({
        status: "REJECTED",
        file: name,
        format,
        counts: { new: 0, updated: 0, unchanged: 0, skipped: 0 },
      });
      expect(summary.error).toMatch(error);
      expect(await catalogueCounts(db.pool)).toEqual({ ...before, import_run: before.import_run + 1 });
      const {
        rows: [run],
      } = await db.pool.query(`SELECT status, format, error FROM import_run WHERE id = $1`, [summary.importRunId]);
      expect(run).toMatchObject({ status: "REJECTED", format, error: summary.error });
    },
  );

  it.each([
    {
      name: "figure.png",
      bytes: png,
      error: "the file is neither a text digest nor Hugging Face JSON: it looks like a binary file (a PNG image)",
    },
    {
      name: "bad.json",
      bytes: Buffer.concat([Buffer.from('[{"paper":{"title":"Caf'), Buffer.from([0xe9]), Buffer.from('"}}]')]),
      error: "the file is not valid UTF-8 (byte offset 23); save it as UTF-8 and retry",
    },
    {
      name: "bad.txt",
      bytes: Buffer.concat([Buffer.from("May 8, 2025\n\nTitle\n\nCaf"), Buffer.from([0xe9]), Buffer.from("\n")]),
      error: /not valid UTF-8 \(byte offset 23, near line 5\)/,
    },
  ])("$name: rejected, nothing written but the attempt", async ({ name, bytes, error }) => {
    const before = await catalogueCounts(db.pool);
    const summary = await importDigest(db.pool, textSource(name, bytes), options);
    expect(summary.status).toBe("REJECTED");
    expect(summary.error).toMatch(error);
    expect(await catalogueCounts(db.pool)).toEqual({ ...before, import_run: before.import_run + 1 });
  });

  it("--strict rejects a JSON file with a skipped entry, naming the entry", async () => {
    const summary = await importDigest(db.pool, await fileSource(fixture("hf-daily-papers-2025-05-02.json")), {
      ...options,
      strict: true,
    });
    expect(summary).toMatchObject({ status: "REJECTED" });
    expect(summary.error).toBe(
      '--strict: entry 5: no summary, skipped: "A Paper Whose Summary Has Not Been Fetched Yet"; fix the file or import without --strict',
    );
  });
});
