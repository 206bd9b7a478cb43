// A paper's id from its slug (lib/papers/paper-id.ts), the lookup every per-paper mutation starts with.
import { beforeAll, describe, expect, it } from "vitest";
import { importDigest } from "../../lib/ingest/import";
import { paperIdBySlug } from "../../lib/papers/paper-id";
import { setUpTestDatabase } from "../support/database";
import { digestText, textSource } from "./helpers/text-source";

const testDb = setUpTestDatabase();
let known: { id: number; slug: string };

beforeAll(async () => {
  const text = digestText("May 2, 2025", [{ title: "A Paper To Look Up By Its Slug", abstract: "Found by slug." }]);
  const summary = await importDigest(testDb.pool, textSource("lookup.txt", text), {
    today: "2025-05-02",
    importedBy: "cli:test",
  });
  expect(summary.status).toBe("IMPORTED");
  const { rows } = await testDb.pool.query<{ id: number; slug: string }>(
    `SELECT id, slug FROM paper WHERE title = 'A Paper To Look Up By Its Slug'`,
  );
  known = rows[0]!;
});

describe("finding a paper by its slug", () => {
  it("a known slug gives its paper's id", async () => {
    expect(await paperIdBySlug(known.slug)).toBe(known.id);
  });

  it.each([
    ["an unknown slug", "no-such-paper-000000"],
    ["a slug differing only in case", () => known.slug.toUpperCase()],
    ["SQL in the slug", "x' OR '1'='1"],
    ["an empty slug", ""],
    ["a slug longer than any real one", "a".repeat(301)],
    ["control characters", "a-paper\u0000"],
    ["a DEL character, refused as the paper API always did", "a-paper\u007f"],
  ] as [string, string | (() => string)][])("%s gives null", async (_, slug) => {
    expect(await paperIdBySlug(typeof slug === "function" ? slug() : slug)).toBeNull();
  });
});
