// Every admin import endpoint over HTTP against the real server: admins only (checked by the server), same origin only.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signedInVisitor, type Visitor } from "./support/session";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const sample = readFileSync("prisma/seed/sample-digest-2025-04-30.txt");
const EVIL = "https://evil.example";

let admin: Visitor;
let reader: Visitor;
let seedRunId: number;

const unique = () => randomBytes(4).toString("hex");

beforeAll(async () => {
  admin = await signedInVisitor(databaseUrl, `imports-admin-${unique()}@example.org`, "ADMIN");
  reader = await signedInVisitor(databaseUrl, `imports-reader-${unique()}@example.org`, "USER");
  const { rows } = await pool.query<{ id: number }>(`SELECT id FROM import_run ORDER BY id LIMIT 1`);
  seedRunId = rows[0]!.id;
});
afterAll(async () => {
  await pool.query(`DELETE FROM import_preview WHERE created_by IN ($1, $2)`, [admin.email, reader.email]);
  await pool.end();
});

type Who = { cookie?: string; origin?: string };

function uploadRequest(files: [string, Uint8Array | string][], who: Who) {
  const form = new FormData();
  for (const [name, content] of files)
    form.append("files", new Blob([typeof content === "string" ? content : Buffer.from(content)]), name);
  const headers: Record<string, string> = { origin: who.origin ?? baseUrl };
  if (who.cookie) headers.cookie = who.cookie;
  return fetch(`${baseUrl}/api/admin/imports`, { method: "POST", headers, body: form, redirect: "manual" });
}

function call(method: string, path: string, who: Who, body?: unknown) {
  const headers: Record<string, string> = { origin: who.origin ?? baseUrl, "Content-Type": "application/json" };
  if (who.cookie) headers.cookie = who.cookie;
  return fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
  });
}

async function newPreviewId(): Promise<string> {
  const response = await uploadRequest([["sample.txt", sample]], { cookie: admin.cookie });
  expect(response.status).toBe(200);
  return (await response.json()).previews[0].id;
}

const previewCount = async () =>
  (await pool.query(`SELECT count(*)::int AS n FROM import_preview`)).rows[0].n as number;

describe("the admin pages", () => {
  it("signed out, /admin/imports and a run's page redirect to sign-in and come back", async () => {
    for (const path of ["/admin/imports", `/admin/imports/${seedRunId}`]) {
      const response = await fetch(`${baseUrl}${path}`, { redirect: "manual" });
      expect(response.status, path).toBe(307);
      expect(response.headers.get("location"), path).toContain(`/signin?callbackUrl=${encodeURIComponent(path)}`);
    }
  });

  it("a signed-in reader gets 403 on both; an admin gets the pages", async () => {
    for (const path of ["/admin/imports", `/admin/imports/${seedRunId}`]) {
      expect(
        (await fetch(`${baseUrl}${path}`, { headers: { cookie: reader.cookie }, redirect: "manual" })).status,
        path,
      ).toBe(403);
      const page = await fetch(`${baseUrl}${path}`, { headers: { cookie: admin.cookie }, redirect: "manual" });
      expect(page.status, path).toBe(200);
      expect(await page.text()).toContain("sample-digest-2025-04-30.txt");
    }
  });
});

describe("the upload route", () => {
  it("signed out gets 401, a reader 403, another site's page 403, and nothing is stored", async () => {
    const before = await previewCount();
    expect((await uploadRequest([["sample.txt", sample]], {})).status).toBe(401);
    const asReader = await uploadRequest([["sample.txt", sample]], { cookie: reader.cookie });
    expect(asReader.status).toBe(403);
    expect((await asReader.json()).error).toBe("only admins can import digests");
    expect((await uploadRequest([["sample.txt", sample]], { cookie: admin.cookie, origin: EVIL })).status).toBe(403);
    expect(await previewCount()).toBe(before);
  });

  it("an admin's upload answers with the preview; GET is not an upload", async () => {
    const response = await uploadRequest([["sample.txt", sample]], { cookie: admin.cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body.rejected).toEqual([]);
    expect(body.previews[0].summary).toMatchObject({
      papers: 94,
      counts: { new: 0, known: 94 },
      alreadyImported: { by: "seed" },
    });
    expect((await fetch(`${baseUrl}/api/admin/imports`, { headers: { cookie: admin.cookie } })).status).toBe(405);
  });

  it("a file that is not a digest is refused with 422 naming it, and nothing is stored", async () => {
    const before = await previewCount();
    const response = await uploadRequest([["notes.bin", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])]], {
      cookie: admin.cookie,
    });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error).toMatch(/^notes\.bin: .*PNG image/);
    expect(body.rejected).toEqual([{ file: "notes.bin", error: body.error }]);
    expect(await previewCount()).toBe(before);
  });

  it("a body declared larger than the limit is refused with 413 before it is sent", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${baseUrl}/api/admin/imports`);
      const request = http.request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          cookie: admin.cookie,
          origin: baseUrl,
          "content-type": "multipart/form-data; boundary=x",
          "content-length": String(200 * 1024 * 1024),
        },
      });
      request.on("response", (response) => {
        resolve(response.statusCode ?? 0);
        response.resume();
        request.destroy();
      });
      request.on("error", (error) => (error.message.includes("socket hang up") ? undefined : reject(error)));
      request.write("--x\r\n"); // the headers go out; the 200 MB never do
    });
    expect(status).toBe(413);
  });
});

describe("confirm, cancel and the date", () => {
  it("signed out gets 401, a reader 403, another site's page 403, and the preview stays", async () => {
    const id = await newPreviewId();
    const routes: [string, string, unknown][] = [
      ["POST", `/api/admin/imports/${id}/confirm`, {}],
      ["DELETE", `/api/admin/imports/${id}`, undefined],
      ["PATCH", `/api/admin/imports/${id}`, { date: "2025-04-30" }],
    ];
    for (const [method, path, body] of routes) {
      expect((await call(method, path, {}, body)).status, `${method} ${path} signed out`).toBe(401);
      expect((await call(method, path, { cookie: reader.cookie }, body)).status, `${method} ${path} reader`).toBe(403);
      expect(
        (await call(method, path, { cookie: admin.cookie, origin: EVIL }, body)).status,
        `${method} ${path} cross-site`,
      ).toBe(403);
    }
    const { rows } = await pool.query(`SELECT id FROM import_preview WHERE id = $1`, [id]);
    expect(rows).toHaveLength(1);
  });

  it("an admin re-dates, then confirms the already-imported sample: nothing in the catalogue changes", async () => {
    const id = await newPreviewId();
    const bad = await call("PATCH", `/api/admin/imports/${id}`, { cookie: admin.cookie }, { date: "30/04/2025" });
    expect(bad.status).toBe(400);
    const redated = await call("PATCH", `/api/admin/imports/${id}`, { cookie: admin.cookie }, { date: "2025-04-30" });
    expect(redated.status).toBe(200);
    expect((await redated.json()).preview.summary).toMatchObject({ digestDate: "2025-04-30", dateSource: "chosen" });
    const {
      rows: [before],
    } = await pool.query(
      `SELECT (SELECT count(*) FROM paper)::int AS papers, (SELECT count(*) FROM digest_entry)::int AS entries`,
    );
    const confirmed = await call("POST", `/api/admin/imports/${id}/confirm`, { cookie: admin.cookie }, {});
    expect(confirmed.status).toBe(200);
    expect((await confirmed.json()).run).toMatchObject({ status: "UNCHANGED", counts: { new: 0, updated: 0 } });
    const {
      rows: [after],
    } = await pool.query(
      `SELECT (SELECT count(*) FROM paper)::int AS papers, (SELECT count(*) FROM digest_entry)::int AS entries`,
    );
    expect(after).toEqual(before);
    const { rows } = await pool.query(`SELECT imported_by FROM import_run ORDER BY id DESC LIMIT 1`);
    expect(rows[0].imported_by).toBe(`user:${admin.email}`);
    expect((await call("POST", `/api/admin/imports/${id}/confirm`, { cookie: admin.cookie }, {})).status).toBe(404);
  });

  it("an admin cancels with DELETE; the preview is gone and a second cancel is a 404", async () => {
    const id = await newPreviewId();
    expect((await call("DELETE", `/api/admin/imports/${id}`, { cookie: admin.cookie })).status).toBe(200);
    expect((await pool.query(`SELECT 1 FROM import_preview WHERE id = $1`, [id])).rowCount).toBe(0);
    expect((await call("DELETE", `/api/admin/imports/${id}`, { cookie: admin.cookie })).status).toBe(404);
  });

  it("the old POST .../cancel route is gone: it finds nothing and cancels nothing", async () => {
    const id = await newPreviewId();
    expect((await call("POST", `/api/admin/imports/${id}/cancel`, { cookie: admin.cookie })).status).toBe(404);
    expect((await pool.query(`SELECT 1 FROM import_preview WHERE id = $1`, [id])).rowCount).toBe(1);
  });
});
