// The worker's similar-list backfill names the papers whose lists it changed, against a real PostgreSQL and
// the real page cache: their own pages are cleared, every other page (lists showing them, other papers'
// pages whose similar cards show them) stays cached, and nothing is cleared wholesale.
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOGUE_CHANNEL, parseCatalogueNotice, similarNotices } from "../../lib/http/catalogue-notice";
import { serveWithPageCache, type WebServer } from "../../lib/http/web-server";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { backfillSimilar } from "../../lib/papers/similar-backfill";
import { setUpTestDatabase } from "../support/database";
import { noticesOf, until } from "./helpers/catalogue-notices";

const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const database = setUpTestDatabase();
let server: WebServer;

/** A stand-in for Next marking papers as the real pages do: the paper's own <article>, then its similar cards. */
async function handler(req: IncomingMessage, res: ServerResponse) {
  const paper = /^\/papers\/(\d+)$/.exec(req.url ?? "");
  res.setHeader("content-type", "text/html; charset=utf-8");
  if (!paper) {
    const { rows } = await database.pool.query<{ id: number }>("SELECT id FROM paper ORDER BY id LIMIT 20");
    res.end(rows.map((row) => `<li data-paper-id="${row.id}"></li>`).join(""));
    return;
  }
  const { rows } = await database.pool.query<{ id: number }>(
    "SELECT similar_id AS id FROM paper_similar WHERE paper_id = $1 ORDER BY score DESC, similar_id DESC LIMIT 5",
    [Number(paper[1])],
  );
  res.end(
    `<article data-paper-id="${paper[1]}"><ul>${rows.map((row) => `<li data-paper-id="${row.id}"></li>`).join("")}</ul></article>`,
  );
}

async function cacheOf(path: string): Promise<string | null> {
  const response = await fetch(`${server.url}${path}`);
  await response.text();
  return response.headers.get("x-page-cache");
}

async function lists(): Promise<Map<number, string>> {
  const { rows } = await database.pool.query<{ paper_id: number; ids: number[] }>(
    "SELECT paper_id, array_agg(similar_id ORDER BY score DESC, similar_id DESC) AS ids FROM paper_similar GROUP BY paper_id",
  );
  return new Map(rows.map((row) => [row.paper_id, row.ids.join(",")]));
}

beforeAll(async () => {
  await importDigest(database.pool, await fileSource(samplePath), { today: "2025-05-01", importedBy: "cli:test" });
  expect(await backfillSimilar(database.pool)).toMatchObject({ left: 0 });
  server = await serveWithPageCache({
    port: 0,
    hostname: "127.0.0.1",
    databaseUrl: database.url,
    cache: { ttlMs: 600_000, maxBytes: 8 * 1024 * 1024 },
    handler,
    log: () => undefined,
  });
  await until(async () => (await cacheOf("/")) !== "OFF", "the cache to start listening");
});

afterAll(async () => {
  await server?.close();
});

describe("the similar-list backfill's notices", () => {
  it("recomputing lists that come out the same announces nothing and clears nothing", async () => {
    const { rows } = await database.pool.query<{ id: number }>("SELECT id FROM paper ORDER BY id LIMIT 10");
    const paths = ["/", ...rows.map((row) => `/papers/${row.id}`)];
    const requeue = () =>
      database.pool.query("INSERT INTO paper_similar_pending (paper_id) SELECT unnest($1::int[])", [
        rows.map((row) => row.id),
      ]);
    // The first recompute offers these papers to the lists of the papers they found (the first batch held
    // every paper, so no list took reverse edges then): real changes. The second finds nothing new.
    await requeue();
    expect(await noticesOf(database, () => backfillSimilar(database.pool))).not.toEqual([]);
    for (const path of paths) await cacheOf(path);
    await requeue();
    expect(await noticesOf(database, () => backfillSimilar(database.pool))).toEqual([]);
    for (const path of paths) expect(await cacheOf(path), path).toBe("HIT");
  });

  it("a changed paper's list and the lists that took it in are announced, and only their own pages are cleared", async () => {
    // A paper whose text now reads like another's: its list changes, and the papers it now resembles may take it in.
    const { rows } = await database.pool.query<{ id: number; title: string }>(
      "SELECT id, title FROM paper ORDER BY id LIMIT 2",
    );
    const [changed, model] = rows as [{ id: number; title: string }, { id: number; title: string }];
    await database.pool.query("UPDATE paper SET title = $2, abstract = $2 WHERE id = $1", [
      changed.id,
      `${model.title} revisited`,
    ]);
    await database.pool.query("INSERT INTO paper_similar_pending (paper_id) VALUES ($1)", [changed.id]);
    const { rows: all } = await database.pool.query<{ id: number }>("SELECT id FROM paper ORDER BY id");
    // The title change itself cleared everything (a table-name notice); cache every page afresh.
    await until(async () => (await cacheOf("/")) === "HIT" && (await cacheOf("/")) === "HIT", "the cache to refill");
    for (const { id } of all) await cacheOf(`/papers/${id}`);
    const before = await lists();

    const notices = await noticesOf(database, () => backfillSimilar(database.pool));

    const after = await lists();
    const expected = [...new Set([...before.keys(), ...after.keys()])]
      .filter((id) => before.get(id) !== after.get(id))
      .sort((a, b) => a - b);
    expect(expected).toContain(changed.id);
    expect(notices).toEqual(similarNotices(expected));
    await until(async () => (await cacheOf(`/papers/${changed.id}`)) === "MISS", "the changed paper's page to clear");
    const shownElsewhere = all.filter(({ id }) => !expected.includes(id));
    for (const { id } of all) {
      if (id === changed.id) continue;
      expect(await cacheOf(`/papers/${id}`), `paper ${id}`).toBe(expected.includes(id) ? "MISS" : "HIT");
    }
    expect(shownElsewhere.length).toBeGreaterThan(0);
    // The home page lists the changed paper, but not its similar list: it stays.
    expect(await cacheOf("/")).toBe("HIT");
  });
});

describe("similar notices", () => {
  it("carry many ids per notice, each payload under PostgreSQL's 8000-byte limit, and parse back", () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => 2_000_000_000 + i);
    const notices = similarNotices(ids);
    expect(notices.length).toBeGreaterThan(1);
    for (const notice of notices) expect(Buffer.byteLength(notice)).toBeLessThan(8000);
    const parsed = notices.flatMap((notice) => {
      const result = parseCatalogueNotice(notice);
      return result.kind === "similar" ? [...result.paperIds] : [];
    });
    expect(parsed).toEqual(ids);
    expect(similarNotices([])).toEqual([]);
    expect(parseCatalogueNotice("similar:12,x")).toEqual({ kind: "all" });
    expect(parseCatalogueNotice("similar:")).toEqual({ kind: "all" });
  });

  it("reach PostgreSQL's NOTIFY at their largest", async () => {
    const [largest] = similarNotices(Array.from({ length: 2_000 }, (_, i) => 2_000_000_000 + i));
    expect(
      await noticesOf(database, () => database.pool.query("SELECT pg_notify($1, $2)", [CATALOGUE_CHANNEL, largest])),
    ).toEqual([largest]);
  });
});
