// A preview whose file was imported after it was made (another tab, the command line): the page and Import notice it.
import { beforeAll, describe, expect, it } from "vitest";
import { confirmPreview } from "../../lib/admin-import/confirm";
import { createPreview, pendingPreviews } from "../../lib/admin-import/preview";
import type { SessionUser } from "../../lib/auth/session";
import { importDigest } from "../../lib/ingest/import";
import { setUpTestDatabase } from "../support/database";
import { catalogueCounts } from "./helpers/catalogue";
import { digestText, textSource } from "./helpers/text-source";
import { createUser } from "./helpers/users";

const testDb = setUpTestDatabase();
let admin: SessionUser;

const text = (date: string, titles: string[]) =>
  digestText(
    date,
    titles.map((title) => ({ title, abstract: `About ${title}.` })),
  );
const upload = (name: string, content: string) => ({ name, bytes: new TextEncoder().encode(content) });
const importElsewhere = (name: string, content: string) =>
  importDigest(testDb.pool, textSource(name, content), { today: "2025-05-10", importedBy: "cli:curator" });

beforeAll(async () => {
  admin = await createUser(testDb.pool, "admin@example.org", "ADMIN");
});

describe("a preview left open while its file is imported elsewhere", () => {
  it("Import refuses with who imported it and when, and returns the preview read again: nothing new, already imported", async () => {
    const content = text("May 3, 2025", ["Stale Preview Paper One", "Stale Preview Paper Two"]);
    const made = await createPreview(admin, upload("may-3.txt", content));
    if (!made.ok) throw new Error(made.error);
    expect(made.preview.summary.counts.new).toBe(2);
    await importElsewhere("may-3.txt", content);
    const before = await catalogueCounts(testDb.pool);

    const result = await confirmPreview(admin, made.preview.id);

    expect(result).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringMatching(
        /^may-3\.txt was imported on .+ UTC by cli:curator after this preview was made: .*Cancel this preview\.$/,
      ),
    });
    if (result.ok || !result.preview) throw new Error("expected the preview read again");
    expect(result.preview.summary.counts).toMatchObject({ new: 0, known: 2 });
    expect(result.preview.summary.alreadyImported).toMatchObject({ by: "cli:curator", digestDate: "2025-05-03" });
    expect(await catalogueCounts(testDb.pool)).toEqual(before);
  });

  it("the page's list of waiting previews shows it as already imported, and keeps a date the admin chose", async () => {
    const content = text("May 4, 2025", ["Stale Listed Paper"]);
    const made = await createPreview(admin, upload("may-4.txt", content));
    if (!made.ok) throw new Error(made.error);
    await importElsewhere("may-4.txt", content);

    const listed = (await pendingPreviews(admin)).find((preview) => preview.id === made.preview.id);

    expect(listed?.summary).toMatchObject({ counts: { new: 0, known: 1 }, alreadyImported: { by: "cli:curator" } });
    // Stored, so the next Import finds it already read again.
    const { rows } = await testDb.pool.query(
      `SELECT summary->'alreadyImported'->>'by' AS by FROM import_preview WHERE id = $1`,
      [made.preview.id],
    );
    expect(rows).toEqual([{ by: "cli:curator" }]);
  });

  it("a preview whose file nobody imported is listed and imported as before", async () => {
    const made = await createPreview(admin, upload("may-5.txt", text("May 5, 2025", ["Fresh Preview Paper"])));
    if (!made.ok) throw new Error(made.error);
    expect(
      (await pendingPreviews(admin)).find((preview) => preview.id === made.preview.id)?.summary.alreadyImported,
    ).toBeNull();
    expect(await confirmPreview(admin, made.preview.id)).toMatchObject({
      ok: true,
      run: { status: "IMPORTED", counts: { new: 1 } },
    });
  });
});
