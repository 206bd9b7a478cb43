// Browsing: digest days, one day's papers with its neighbours, a paper page, similar papers, feeds.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { digestByDate, latestDigestDate, listDigestDates } from "../../lib/papers/digests";
import { latestPapers } from "../../lib/papers/latest";
import { paperBySlug } from "../../lib/papers/paper";
import { similarPapers } from "../../lib/papers/similar";
import { backfillSimilar } from "../../lib/papers/similar-backfill";
import { setUpTestDatabase } from "../support/database";
import { digestText, textSource } from "./helpers/text-source";

const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const testDb = setUpTestDatabase();
const options = { today: "2025-05-10", importedBy: "cli:test" };

const UNI_MOE = "Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts";
const VIDEO_MME = "Video-MME: The First-Ever Comprehensive Evaluation Benchmark of Multi-modal LLMs in Video Analysis";

function sampleAbstract(title: string): string {
  const lines = readFileSync(samplePath, "utf8").split("\n");
  return lines[lines.indexOf(title) + 2]!;
}

async function slugOf(title: string): Promise<string> {
  const { rows } = await testDb.pool.query<{ slug: string }>("SELECT slug FROM paper WHERE title = $1", [title]);
  return rows[0]!.slug;
}

beforeAll(async () => {
  await importDigest(testDb.pool, await fileSource(samplePath), { ...options, today: "2025-05-01" });
  // Similar lists are the worker's job: it runs after each import here.
  await backfillSimilar(testDb.pool);
  // May 2: a new paper, then Uni-MoE again (seen before). May 5: one more new paper.
  await importDigest(
    testDb.pool,
    textSource(
      "may-2.txt",
      digestText("2025-05-02", [
        {
          title: "Koala Kernels for Video Benchmarks",
          abstract: "A video benchmark of kernels. https://arxiv.org/abs/2505.01234",
        },
        // The same text as in the sample: only a new digest entry.
        { title: UNI_MOE, abstract: sampleAbstract(UNI_MOE) },
      ]),
    ),
    options,
  );
  await importDigest(
    testDb.pool,
    textSource(
      "may-5.txt",
      digestText("2025-05-05", [{ title: "Platypus Planning", abstract: "Planning with platypus agents." }]),
    ),
    options,
  );
  await backfillSimilar(testDb.pool);
});

describe("digests by date", () => {
  it("each card carries up to three tags, automatic topics first: Video-MME shows video and benchmark", async () => {
    const day = await digestByDate("2025-04-30", "digest");
    const videoMme = day!.papers.find((paper) => paper.title === VIDEO_MME)!;
    expect(videoMme.tags!.map((tag) => tag.slug)).toEqual(expect.arrayContaining(["video", "benchmark"]));
    expect(videoMme.tags!.every((tag) => tag.automatic)).toBe(true);
    expect(day!.papers.every((paper) => paper.tags!.length <= 3)).toBe(true);
  });

  it("lists digest days newest first with their paper counts", async () => {
    expect(await listDigestDates()).toEqual([
      { date: "2025-05-05", papers: 1 },
      { date: "2025-05-02", papers: 2 },
      { date: "2025-04-30", papers: 94 },
    ]);
    expect(await listDigestDates(1)).toEqual([{ date: "2025-05-05", papers: 1 }]);
    expect(await latestDigestDate()).toBe("2025-05-05");
  });

  it("gives one day's papers in digest order with the neighbouring digest days", async () => {
    const may2 = await digestByDate("2025-05-02", "digest");
    expect(may2).toMatchObject({ date: "2025-05-02", previous: "2025-04-30", next: "2025-05-05" });
    expect(may2!.papers.map((paper) => paper.title)).toEqual(["Koala Kernels for Video Benchmarks", UNI_MOE]);

    const first = await digestByDate("2025-04-30", "digest");
    expect(first).toMatchObject({ previous: null, next: "2025-05-02" });
    expect(first!.papers).toHaveLength(94);
    expect(first!.papers[0]!.title).toBe(UNI_MOE);
    expect(first!.papers[0]!.links).toEqual([
      { url: "https://github.com/HITsz-TMG/UMOE-Scaling-Unified-Multimodal-LLMs", kind: "CODE" },
    ]);

    const last = await digestByDate("2025-05-05", "new");
    expect(last).toMatchObject({ previous: "2025-05-02", next: null });
  });

  it("sort 'new' puts the papers the digest introduced before the ones seen earlier", async () => {
    const may2 = await digestByDate("2025-05-02", "new");
    expect(may2!.papers.map((paper) => [paper.title, paper.firstSeen])).toEqual([
      ["Koala Kernels for Video Benchmarks", "2025-05-02"],
      [UNI_MOE, "2025-04-30"],
    ]);
  });

  it("is null for a day without a digest and for a malformed date", async () => {
    expect(await digestByDate("2025-05-03", "digest")).toBeNull();
    for (const bad of ["2025-02-30", "yesterday", "2025-5-2", "'; DROP TABLE digest; --", ""]) {
      expect(await digestByDate(bad, "digest")).toBeNull();
    }
  });
});

describe("a paper page", () => {
  it("has the paper's details with its digests newest first", async () => {
    const slug = await slugOf(UNI_MOE);
    const paper = await paperBySlug(slug);
    expect(paper).toMatchObject({
      slug,
      title: UNI_MOE,
      firstSeen: "2025-04-30",
      arxivId: null,
      digests: ["2025-05-02", "2025-04-30"],
    });
    expect(paper!.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const koala = await paperBySlug(await slugOf("Koala Kernels for Video Benchmarks"));
    expect(koala).toMatchObject({ arxivId: "2505.01234", digests: ["2025-05-02"] });
  });

  it("is null for an unknown slug", async () => {
    expect(await paperBySlug("no-such-paper-000000")).toBeNull();
    expect(await paperBySlug("")).toBeNull();
    expect(await paperBySlug("x".repeat(5000))).toBeNull();
  });

  it("shows 5 similar papers, all different, none the paper itself, related by their words", async () => {
    const paper = (await paperBySlug(await slugOf(VIDEO_MME)))!;
    const similar = await similarPapers(paper.id);
    expect(similar).toHaveLength(5);
    expect(similar.map((p) => p.id)).not.toContain(paper.id);
    expect(new Set(similar.map((p) => p.id)).size).toBe(5);
    // Each shares a title word with Video-MME (video, benchmark, LLMs, multi-modal, evaluation, ...).
    for (const p of similar) expect(p.title).toMatch(/video|benchmark|llm|multi|modal|evaluat|comprehens|analysis/i);
    expect(similar.some((p) => /video/i.test(p.title))).toBe(true);

    expect(await similarPapers(paper.id, 2)).toEqual(similar.slice(0, 2));
    expect(await similarPapers(paper.id, 12)).toHaveLength(12);
    expect(await similarPapers(999_999)).toEqual([]);
  });

  it("similar lists are stored by the worker, and a later paper joins the lists of the papers it resembles", async () => {
    const { rows } = await testDb.pool.query<{ papers: number; max: number }>(
      "SELECT count(DISTINCT paper_id)::int AS papers, max(n)::int AS max FROM (SELECT paper_id, count(*) AS n FROM paper_similar GROUP BY paper_id) s",
    );
    // Every paper but "Platypus Planning", whose title shares no word with any other.
    expect(rows[0]!.papers).toBe(95);
    expect(rows[0]!.max).toBeLessThanOrEqual(10);
    const koala = (await paperBySlug(await slugOf("Koala Kernels for Video Benchmarks")))!;
    const { rows: reverse } = await testDb.pool.query(
      "SELECT count(*)::int AS n FROM paper_similar WHERE similar_id = $1",
      [koala.id],
    );
    expect(reverse[0].n).toBeGreaterThan(0);
    const platypus = (await paperBySlug(await slugOf("Platypus Planning")))!;
    expect(await similarPapers(platypus.id)).toEqual([]);
  });
});

describe("latest papers for feeds", () => {
  it("are newest first", async () => {
    const latest = await latestPapers(3);
    expect(latest.map((paper) => paper.title)).toEqual([
      "Platypus Planning",
      "Koala Kernels for Video Benchmarks",
      expect.any(String),
    ]);
    expect(latest[2]!.firstSeen).toBe("2025-04-30");
    expect(await latestPapers(0)).toEqual([]);
  });
});
