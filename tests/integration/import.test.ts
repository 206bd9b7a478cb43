// importDigest against a real database: shared papers, updates, rejections, problems, concurrency.
// One database for the file: each test uses its own digest dates and titles.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { importDigest } from "../../lib/ingest/import";
import { normalizeTitleKey, slugForTitle } from "../../lib/ingest/title-key";
import { setUpTestDatabase } from "../support/database";
import { catalogueCounts, importRun, papersWithTitleKey } from "./helpers/catalogue";
import { type DigestPaper, digestText, textSource } from "./helpers/text-source";

const db = setUpTestDatabase();
const options = { today: "2025-12-31", importedBy: "cli:test" };

const abstract = (topic: string) =>
  `We study ${topic} in depth and report results on several benchmarks. Our method improves over strong baselines.`;

async function linksOf(title: string): Promise<string[]> {
  const { rows } = await db.pool.query<{ url: string }>(
    `SELECT l.url FROM paper_link l JOIN paper p ON p.id = l.paper_id WHERE p.title_key = $1 ORDER BY l.position`,
    [normalizeTitleKey(title)],
  );
  return rows.map((r) => r.url);
}

describe("papers shared between digests", () => {
  it("a paper in two digests is one paper with an entry in each, however its title is written", async () => {
    const first = digestText("Jan 10, 2025", [
      { title: "Sparse Attention for Long Context Retrieval", abstract: abstract("sparse attention") },
      { title: "Café Models: Über Naïve Baselines", abstract: abstract("cafe models") },
      { title: "Only In The January Tenth Digest", abstract: abstract("january") },
    ]);
    const second = digestText("Jan 11, 2025", [
      { title: "Only In The January Eleventh Digest", abstract: abstract("eleventh") },
      // Case, spacing, punctuation and Unicode form (NFD, full-width letters) differ; the paper does not.
      { title: "SPARSE  attention: for long-context Retrieval?", abstract: abstract("sparse attention") },
      { title: "ＣＡＦＥ\u0301 models — u\u0308ber NAI\u0308VE baselines", abstract: abstract("cafe models") },
    ]);
    const before = await catalogueCounts(db.pool);

    const a = await importDigest(db.pool, textSource("2025-01-10.txt", first), options);
    const b = await importDigest(db.pool, textSource("2025-01-11.txt", second), options);

    expect(a).toMatchObject({ status: "IMPORTED", digestDate: "2025-01-10", counts: { new: 3 }, entriesAdded: 3 });
    expect(b).toMatchObject({ status: "IMPORTED", digestDate: "2025-01-11", counts: { new: 1 }, entriesAdded: 3 });
    expect(b.counts.updated + b.counts.unchanged).toBe(2);
    const after = await catalogueCounts(db.pool);
    expect(after.paper - before.paper).toBe(4);
    expect(after.digest - before.digest).toBe(2);
    expect(after.digest_entry - before.digest_entry).toBe(6);

    for (const title of ["Sparse Attention for Long Context Retrieval", "Café Models: Über Naïve Baselines"]) {
      const papers = await papersWithTitleKey(db.pool, normalizeTitleKey(title));
      expect(papers).toHaveLength(1);
      expect(papers[0]).toMatchObject({ first_seen: "2025-01-10", digest_dates: ["2025-01-10", "2025-01-11"] });
    }
  });

  it("first_seen is the earliest digest's date even when the later digest is imported first", async () => {
    const later = digestText("Feb 21, 2025", [
      { title: "Diffusion Policies for Dexterous Grasping", abstract: abstract("grasping") },
      { title: "A Benchmark for Tabular Reasoning", abstract: abstract("tables") },
    ]);
    const earlier = digestText("Feb 20, 2025", [
      { title: "diffusion policies for dexterous grasping", abstract: abstract("grasping") },
      { title: "A Benchmark for Tabular Reasoning!", abstract: abstract("tables") },
      { title: "Only In The February Twentieth Digest", abstract: abstract("twentieth") },
    ]);

    await importDigest(db.pool, textSource("2025-02-21.txt", later), options);
    const summary = await importDigest(db.pool, textSource("2025-02-20.txt", earlier), options);

    expect(summary.status).toBe("IMPORTED");
    for (const title of ["Diffusion Policies for Dexterous Grasping", "A Benchmark for Tabular Reasoning"]) {
      const papers = await papersWithTitleKey(db.pool, normalizeTitleKey(title));
      expect(papers).toHaveLength(1);
      expect(papers[0]).toMatchObject({ first_seen: "2025-02-20", digest_dates: ["2025-02-20", "2025-02-21"] });
    }
    const [only] = await papersWithTitleKey(db.pool, normalizeTitleKey("Only In The February Twentieth Digest"));
    expect(only!.first_seen).toBe("2025-02-20");
  });
});

describe("a known paper whose abstract changed", () => {
  it("is counted as updated and gets the new abstract, links and search vector", async () => {
    const title = "Gradient Noise Injection for Robust Fine-Tuning";
    const oldAbstract = "We inject gradient noise during fine-tuning. Code: https://github.com/example/old-noise.";
    const newAbstract =
      "We inject gradient noise during fine-tuning and test it on zebrafish imaging. Code: https://github.com/example/new-noise.";
    await importDigest(
      db.pool,
      textSource("2025-03-01.txt", digestText("Mar 1, 2025", [{ title, abstract: oldAbstract }])),
      options,
    );
    expect(await linksOf(title)).toEqual(["https://github.com/example/old-noise"]);

    const summary = await importDigest(
      db.pool,
      textSource("2025-03-02.txt", digestText("Mar 2, 2025", [{ title, abstract: newAbstract }])),
      options,
    );

    expect(summary).toMatchObject({
      status: "IMPORTED",
      counts: { new: 0, updated: 1, unchanged: 0, skipped: 0 },
      entriesAdded: 1,
    });
    expect(await importRun(db.pool, summary.importRunId)).toMatchObject({ updated_count: 1, new_count: 0 });
    const [paper] = await papersWithTitleKey(db.pool, normalizeTitleKey(title));
    expect(paper).toMatchObject({ first_seen: "2025-03-01", digest_dates: ["2025-03-01", "2025-03-02"] });
    const {
      rows: [row],
    } = await db.pool.query(`SELECT abstract FROM paper WHERE id = $1`, [paper!.id]);
    expect(row!.abstract).toBe(newAbstract);
    expect(await linksOf(title)).toEqual(["https://github.com/example/new-noise"]);
    const { rows: found } = await db.pool.query(
      `SELECT id FROM paper WHERE search_vector @@ websearch_to_tsquery('english', 'zebrafish')`,
    );
    expect(found.map((r) => r.id)).toEqual([paper!.id]);
  });
});

describe("files that cannot be imported", () => {
  const goodPaper = { title: "A Perfectly Fine Paper Title", abstract: abstract("fine things") };
  const cases: { name: string; bytes: Uint8Array | string; error: RegExp }[] = [
    {
      name: "binary bytes",
      bytes: Buffer.from([0x00, 0x01, 0x02, 0x03, 0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]),
      error: /binary file/,
    },
    {
      name: "invalid UTF-8",
      bytes: Buffer.concat([
        Buffer.from("Apr 1, 2025\n\nA Title With a Bad Byte \xff", "latin1"),
        Buffer.from("\n\nSome abstract.\n"),
      ]),
      error: /not valid UTF-8/,
    },
    { name: "an empty file", bytes: "", error: /empty/ },
    { name: "a header with no papers", bytes: "new\n\nDaily Papers\n\nApr 2, 2025\n\n", error: /no papers found/ },
    { name: "no date line", bytes: digestText(null, [goodPaper]), error: /--date/ },
  ];

  it.each(cases)(
    "$name: rejected with a clear error, catalogue untouched, the attempt recorded",
    async ({ name, bytes, error }) => {
      const before = await catalogueCounts(db.pool);
      const source = textSource(`${name}.txt`, bytes);

      const summary = await importDigest(db.pool, source, options);

      expect(summary.status).toBe("REJECTED");
      expect(summary.error).toMatch(error);
      expect(summary.counts).toEqual({ new: 0, updated: 0, unchanged: 0, skipped: 0 });
      expect(await catalogueCounts(db.pool)).toEqual({ ...before, import_run: before.import_run + 1 });
      expect(await importRun(db.pool, summary.importRunId)).toMatchObject({
        file_name: `${name}.txt`,
        file_size: source.size,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        status: "REJECTED",
        error: summary.error,
        new_count: 0,
      });
    },
  );

  it("a rejected file leaves no unhandled promise rejection behind", async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listener);
    try {
      const summary = await importDigest(db.pool, textSource("empty-again.txt", ""), options);
      expect(summary.status).toBe("REJECTED");
      // A barrier, not a pause: the pool hands back the connection the import released last, so this
      // query answers only after everything still outstanding on it; one macrotask turn later Node has
      // reported any rejection left unhandled by what settled.
      await db.pool.query("SELECT 1");
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("unhandledRejection", listener);
    }
    // Under node's default --unhandled-rejections=throw this kills `npm run import` before it prints anything.
    expect(unhandled.map(String)).toEqual([]);
  });

  it("a rejected file leaves the pool's connections able to import the next file", async () => {
    const pool = db.pool;
    for (let i = 0; i < 5; i++) {
      const rejected = await importDigest(pool, textSource("empty.txt", ""), options);
      expect(rejected.status).toBe("REJECTED");
    }
    const summary = await importDigest(
      pool,
      textSource(
        "2025-04-02.txt",
        digestText("Apr 2, 2025", [{ title: "After Rejections Comes A Good File", abstract: abstract("recovery") }]),
      ),
      options,
    );
    expect(summary).toMatchObject({ status: "IMPORTED", counts: { new: 1 } });
  });
});

describe("papers with problems", () => {
  const strictText = digestText("May 5, 2025", [
    { title: "Strictly Speaking The First Paper", abstract: abstract("first") },
    { title: "Strictly Speaking A Title Without Abstract" },
    { title: "Strictly Speaking The Third Paper", abstract: abstract("third") },
  ]);
  // Line 1 date, 3 first title, 5 abstract, 7 title without abstract, 9 third title.

  it("--strict rejects a file with a title missing its abstract and writes nothing", async () => {
    const before = await catalogueCounts(db.pool);

    const summary = await importDigest(db.pool, textSource("strict.txt", strictText), { ...options, strict: true });

    expect(summary.status).toBe("REJECTED");
    expect(summary.error).toMatch(/--strict/);
    expect(summary.error).toMatch(/line 7/);
    expect(await catalogueCounts(db.pool)).toEqual({ ...before, import_run: before.import_run + 1 });
    expect(await importRun(db.pool, summary.importRunId)).toMatchObject({ status: "REJECTED", error: summary.error });
  });

  it("without --strict the title missing its abstract is skipped and reported with its line", async () => {
    const summary = await importDigest(db.pool, textSource("lenient.txt", strictText), options);

    expect(summary).toMatchObject({
      status: "IMPORTED",
      digestDate: "2025-05-05",
      counts: { new: 2, skipped: 1 },
      entriesAdded: 2,
    });
    expect(summary.problems).toEqual([{ line: 7, message: expect.stringContaining("title with no abstract") }]);
    expect(await importRun(db.pool, summary.importRunId)).toMatchObject({
      skipped_count: 1,
      new_count: 2,
      problems: [{ line: 7, message: expect.stringContaining("Strictly Speaking A Title Without Abstract") }],
    });
    expect(await papersWithTitleKey(db.pool, normalizeTitleKey("Strictly Speaking A Title Without Abstract"))).toEqual(
      [],
    );
  });

  it("a problem in the middle of a file does not stop the papers after it", async () => {
    const titles = Array.from({ length: 10 }, (_, i) => `Midfile Paper ${i + 1} On Robustness`);
    const papers: DigestPaper[] = titles.map((title) => ({ title, abstract: abstract(title) }));
    papers.splice(4, 0, { title: "Midfile Title Without Abstract" });
    papers.splice(8, 0, { title: "Midfile Paper 2 On Robustness", abstract: abstract("duplicate") });

    const summary = await importDigest(db.pool, textSource("midfile.txt", digestText("Jun 6, 2025", papers)), options);

    expect(summary).toMatchObject({ status: "IMPORTED", counts: { new: 10, skipped: 2 }, entriesAdded: 10 });
    expect(summary.problems.map((p) => p.message)).toEqual([
      expect.stringContaining("title with no abstract"),
      expect.stringContaining("duplicate of the paper on line"),
    ]);
    const { rows } = await db.pool.query<{ title: string; position: number }>(
      `SELECT p.title, e.position FROM digest_entry e JOIN paper p ON p.id = e.paper_id JOIN digest d ON d.id = e.digest_id
       WHERE d.date = '2025-06-06' ORDER BY e.position`,
    );
    expect(rows).toEqual(titles.map((title, i) => ({ title, position: i + 1 })));
    const [duplicate] = await papersWithTitleKey(db.pool, normalizeTitleKey("Midfile Paper 2 On Robustness"));
    const {
      rows: [kept],
    } = await db.pool.query(`SELECT abstract FROM paper WHERE id = $1`, [duplicate!.id]);
    expect(kept!.abstract).toBe(abstract("Midfile Paper 2 On Robustness"));
  });
});

describe("repeated titles and late digests", () => {
  it("a title repeated with other punctuation and case is imported once and the repeat reported with both lines", async () => {
    const papers: DigestPaper[] = [
      { title: "Repeat Check: One Model To Rule Them", abstract: abstract("first") },
      { title: "Repeat Check Other Paper", abstract: abstract("other") },
      { title: "repeat check -- one model to rule them", abstract: abstract("second") },
    ];
    const summary = await importDigest(db.pool, textSource("repeat.txt", digestText("Oct 7, 2025", papers)), options);
    expect(summary).toMatchObject({ status: "IMPORTED", counts: { new: 2, skipped: 1 } });
    expect(summary.problems).toEqual([
      {
        line: expect.any(Number),
        message: expect.stringMatching(/^duplicate of the paper on line \d+, skipped: "repeat check -- one model/),
      },
    ]);
    const [paper] = await papersWithTitleKey(db.pool, normalizeTitleKey("Repeat Check: One Model To Rule Them"));
    const {
      rows: [kept],
    } = await db.pool.query(`SELECT abstract FROM paper WHERE id = $1`, [paper!.id]);
    expect(kept!.abstract).toBe(abstract("first"));
  });

  it("--strict rejects a file with a repeated title and writes nothing", async () => {
    const before = await catalogueCounts(db.pool);
    const papers: DigestPaper[] = [
      { title: "Strict Repeat Paper", abstract: abstract("a") },
      { title: "Strict Repeat Paper", abstract: abstract("b") },
    ];
    const summary = await importDigest(db.pool, textSource("strict-repeat.txt", digestText("Oct 8, 2025", papers)), {
      ...options,
      strict: true,
    });
    expect(summary.status).toBe("REJECTED");
    expect(summary.error).toMatch(/^--strict: line \d+: duplicate of the paper on line \d+/);
    expect(await catalogueCounts(db.pool)).toEqual({ ...before, import_run: before.import_run + 1 });
  });

  it("a later file for a day already imported appends its new papers after the day's own, in its order", async () => {
    const day = ["Append Day First Paper", "Append Day Second Paper", "Append Day Third Paper"];
    const later = ["Append Later pi0 Paper", day[1]!, "Append Later Last Paper"];
    const file = (titles: string[]) =>
      digestText(
        "Sep 3, 2025",
        titles.map((title) => ({ title, abstract: abstract(title) })),
      );
    await importDigest(db.pool, textSource("sep-3.txt", file(day)), options);
    const second = await importDigest(db.pool, textSource("sep-3-later.txt", file(later)), options);

    expect(second).toMatchObject({ status: "IMPORTED", counts: { new: 2, unchanged: 1 }, entriesAdded: 2 });
    const { rows } = await db.pool.query<{ title: string; position: number }>(
      `SELECT p.title, e.position FROM digest_entry e JOIN paper p ON p.id = e.paper_id JOIN digest d ON d.id = e.digest_id
       WHERE d.date = '2025-09-03' ORDER BY e.position`,
    );
    const expected = [...day, "Append Later pi0 Paper", "Append Later Last Paper"];
    expect(rows).toEqual(expected.map((title, i) => ({ title, position: i + 1 })));
  });

  it("a new paper's Greek first letter is spelled in its slug; a paper already stored keeps the slug it has", async () => {
    const greek = "π0: Slug Flow Model for Robot Control";
    const stored = "πStored: Slug Policy Under The Old Rule";
    const hash = (title: string) => createHash("sha256").update(normalizeTitleKey(title)).digest("hex").slice(0, 6);
    await importDigest(
      db.pool,
      textSource("oct-1.txt", digestText("Oct 1, 2025", [{ title: stored, abstract: abstract("old") }])),
      options,
    );
    // As the importer named it before Greek letters were spelled: the letter dropped.
    const oldSlug = `stored-slug-policy-under-the-old-rule-${hash(stored)}`;
    await db.pool.query(`UPDATE paper SET slug = $1 WHERE title_key = $2`, [oldSlug, normalizeTitleKey(stored)]);

    const again = digestText("Oct 2, 2025", [
      { title: greek, abstract: abstract("flow") },
      { title: stored, abstract: abstract("a revised abstract") },
    ]);
    const summary = await importDigest(db.pool, textSource("oct-2.txt", again), options);

    expect(summary).toMatchObject({ status: "IMPORTED", counts: { new: 1, updated: 1 } });
    const slugOf = async (title: string) =>
      (await db.pool.query<{ slug: string }>(`SELECT slug FROM paper WHERE title_key = $1`, [normalizeTitleKey(title)]))
        .rows[0]!.slug;
    expect(await slugOf(greek)).toBe(`pi0-slug-flow-model-for-robot-control-${hash(greek)}`);
    expect(await slugOf(stored)).toBe(oldSlug);
  });

  it("papers whose slugs clash keep them apart: the first keeps its slug, the others get a longer hash", async () => {
    // Titles with the same ASCII words whose keys' hashes share their first 6 hex digits: found by trying.
    const seen = new Map<string, string>();
    let pair: [string, string] | null = null;
    for (let code = 0x4e00; pair === null; code += 1) {
      const title = `Slug Clash Study ${String.fromCodePoint(code)}`;
      const slug = slugForTitle(title, normalizeTitleKey(title));
      const earlier = seen.get(slug);
      if (earlier) pair = [earlier, title];
      else seen.set(slug, title);
    }
    const [first, second] = pair;
    // A stored paper already holds the slug a third new paper would get.
    const third = "Slug Clash Held By A Stored Paper";
    const taken = slugForTitle(third, normalizeTitleKey(third));
    await importDigest(
      db.pool,
      textSource(
        "nov-1.txt",
        digestText("Nov 1, 2025", [{ title: "Slug Clash Holder", abstract: abstract("holder") }]),
      ),
      options,
    );
    await db.pool.query(`UPDATE paper SET slug = $1 WHERE title_key = $2`, [
      taken,
      normalizeTitleKey("Slug Clash Holder"),
    ]);

    const summary = await importDigest(
      db.pool,
      textSource(
        "nov-2.txt",
        digestText("Nov 2, 2025", [
          { title: first, abstract: abstract("first") },
          { title: second, abstract: abstract("second") },
          { title: third, abstract: abstract("third") },
        ]),
      ),
      options,
    );

    expect(summary).toMatchObject({ status: "IMPORTED", counts: { new: 3 } });
    const slugOf = async (title: string) =>
      (await db.pool.query<{ slug: string }>(`SELECT slug FROM paper WHERE title_key = $1`, [normalizeTitleKey(title)]))
        .rows[0]!.slug;
    const longer = (title: string) =>
      `${slugForTitle(title, normalizeTitleKey(title)).slice(0, -6)}${createHash("sha256").update(normalizeTitleKey(title)).digest("hex").slice(0, 16)}`;
    expect(await slugOf(first)).toBe(slugForTitle(first, normalizeTitleKey(first)));
    expect(await slugOf(second)).toBe(longer(second));
    expect(await slugOf(third)).toBe(longer(third));
    expect(await slugOf("Slug Clash Holder")).toBe(taken);
  });

  it("an older digest imported late does not roll back an abstract a newer digest updated", async () => {
    const title = "Late Digest Paper On Versions";
    await importDigest(
      db.pool,
      textSource("new.txt", digestText("Aug 9, 2025", [{ title, abstract: abstract("version two") }])),
      options,
    );
    const late = await importDigest(
      db.pool,
      textSource("old.txt", digestText("Aug 1, 2025", [{ title, abstract: abstract("version one") }])),
      options,
    );
    expect(late).toMatchObject({ status: "IMPORTED", counts: { updated: 0, unchanged: 1 }, entriesAdded: 1 });
    const [paper] = await papersWithTitleKey(db.pool, normalizeTitleKey(title));
    const {
      rows: [row],
    } = await db.pool.query(`SELECT abstract, first_seen::text FROM paper WHERE id = $1`, [paper!.id]);
    expect(row).toEqual({ abstract: abstract("version two"), first_seen: "2025-08-01" });
  });
});

describe("concurrent imports", () => {
  it("two digests sharing papers imported at the same time both succeed and share one paper each", async () => {
    const shared = ["Concurrent Shared Paper On Caching", "Concurrent Shared Paper On Sharding"];
    const only = (day: string) => Array.from({ length: 20 }, (_, i) => `Concurrent ${day} Paper ${i + 1}`);
    const text = (dateLine: string, day: string) =>
      digestText(
        dateLine,
        [...only(day), ...shared].map((title) => ({ title, abstract: abstract(title) })),
      );
    const before = await catalogueCounts(db.pool);

    const [a, b] = await Promise.all([
      importDigest(db.pool, textSource("2025-07-07.txt", text("Jul 7, 2025", "Seventh")), options),
      importDigest(db.pool, textSource("2025-07-08.txt", text("Jul 8, 2025", "Eighth")), options),
    ]);

    expect(a.status).toBe("IMPORTED");
    expect(b.status).toBe("IMPORTED");
    expect(a.counts.new + b.counts.new).toBe(42);
    expect(a.counts.unchanged + b.counts.unchanged).toBe(2);
    const after = await catalogueCounts(db.pool);
    expect(after.paper - before.paper).toBe(42);
    expect(after.digest - before.digest).toBe(2);
    expect(after.digest_entry - before.digest_entry).toBe(44);
    for (const title of shared) {
      const papers = await papersWithTitleKey(db.pool, normalizeTitleKey(title));
      expect(papers).toHaveLength(1);
      expect(papers[0]).toMatchObject({ first_seen: "2025-07-07", digest_dates: ["2025-07-07", "2025-07-08"] });
    }
  });
});
