// Reading an admin upload: size limit enforced from Content-Length and while the body streams, file count, form shape.
import { describe, expect, it } from "vitest";
import { importLimits } from "../../../lib/admin-import/limits";
import { readUploadedFiles } from "../../../lib/admin-import/upload";

const limits = importLimits(0.01); // about 10 KB per file

function formRequest(files: [string, string][]): Request {
  const form = new FormData();
  for (const [name, text] of files) form.append("files", new File([text], name));
  return new Request("http://localhost/api/admin/imports", { method: "POST", body: form });
}

/** A multipart body streamed in 1 KB chunks with no Content-Length, counting how much the reader pulled. */
async function streamedRequest(totalBytes: number) {
  const boundary = "----pp-test";
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="huge.txt"\r\nContent-Type: text/plain\r\n\r\n`,
  );
  const chunk = new Uint8Array(1024).fill(0x61);
  const state = { pulled: 0 };
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) controller.enqueue(head);
      if (sent >= totalBytes) {
        controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
        controller.close();
        return;
      }
      sent += chunk.length;
      state.pulled = sent;
      controller.enqueue(chunk);
    },
  });
  const request = new Request("http://localhost/api/admin/imports", {
    method: "POST",
    body,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    duplex: "half",
  } as RequestInit);
  return { request, state };
}

describe("reading an upload", () => {
  it("hands back each file's name and bytes", async () => {
    const result = await readUploadedFiles(
      formRequest([
        ["a.txt", "hello"],
        ["b.json", "[]"],
      ]),
      limits,
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.files.map((file) => [file.name, new TextDecoder().decode(file.bytes)])).toEqual([
      ["a.txt", "hello"],
      ["b.json", "[]"],
    ]);
  });

  it("a declared Content-Length over the limit is refused with 413 before the body is read", async () => {
    const { request, state } = await streamedRequest(1024 * 1024);
    request.headers.set("content-length", String(50 * 1024 * 1024));
    const result = await readUploadedFiles(request, limits);
    expect(result).toEqual({
      ok: false,
      status: 413,
      error:
        "the upload (50 MB) is over the limit of 10.2 KB per file (ADMIN_IMPORT_MAX_MB); send one file per request",
    });
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024); // at most what the stream buffers ahead, never the whole body
  });

  it("a body without Content-Length is cut off once it passes the limit, not read to its end", async () => {
    const { request, state } = await streamedRequest(10 * 1024 * 1024);
    const result = await readUploadedFiles(request, limits);
    expect(result).toMatchObject({ ok: false, status: 413 });
    expect(state.pulled).toBeLessThan(limits.maxRequestBytes + 256 * 1024);
  });

  it("more than 20 files in one request are refused", async () => {
    const files = Array.from({ length: 21 }, (_, i): [string, string] => [`f${i}.txt`, "x"]);
    expect(await readUploadedFiles(formRequest(files), limits)).toEqual({
      ok: false,
      status: 400,
      error: "21 files at once: upload at most 20 at a time",
    });
  });

  it("a body that is not multipart, or has no file, says what to send", async () => {
    const json = new Request("http://localhost/x", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(await readUploadedFiles(json, limits)).toMatchObject({ ok: false, status: 415 });
    const form = new FormData();
    form.append("other", "text");
    const noFile = new Request("http://localhost/x", { method: "POST", body: form });
    expect(await readUploadedFiles(noFile, limits)).toEqual({
      ok: false,
      status: 400,
      error: 'no file in the upload: send files in the field "files"',
    });
  });
});
