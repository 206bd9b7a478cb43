"use client";
// Drop or choose digest files: each is uploaded (with progress), previewed, then imported or cancelled by the admin.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { formatBytes } from "@/lib/admin-import/format";
import type { ConfirmedImport, PreviewView } from "@/lib/admin-import/types";
import { ImportPreviewCard, type PreviewAction } from "./import-preview-card";

type Item =
  | { key: string; fileName: string; phase: "uploading"; progress: number }
  | { key: string; fileName: string; phase: "rejected"; error: string }
  | { key: string; fileName: string; phase: "preview"; preview: PreviewView; busy: PreviewAction; error: string | null }
  | { key: string; fileName: string; phase: "imported"; run: ConfirmedImport };

type Props = { pending: PreviewView[]; maxFileBytes: number; maxFiles: number };

type UploadAnswer = { status: number; body: { previews?: PreviewView[]; rejected?: { error: string }[]; error?: string } | null };

/** XMLHttpRequest rather than fetch: only it reports upload progress. One file per request, so each has its own bar. */
function upload(file: File, onProgress: (fraction: number) => void): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/admin/imports");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = () => resolve({ status: 0, body: null });
    const form = new FormData();
    form.append("files", file);
    xhr.send(form);
  });
}

async function send(url: string, method: string, body?: unknown): Promise<{ ok: boolean; body: Record<string, unknown> }> {
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { ok: response.ok, body: await response.json().catch(() => ({ error: `the server answered ${response.status}` })) };
  } catch {
    return { ok: false, body: { error: "the server could not be reached; try again" } };
  }
}

const statusText: Record<ConfirmedImport["status"], string> = {
  IMPORTED: "imported",
  UNCHANGED: "already imported, nothing changed",
  REJECTED: "rejected",
};

export function ImportDropzone({ pending, maxFileBytes, maxFiles }: Props) {
  const router = useRouter();
  const inputId = useId();
  const hintId = useId();
  const counter = useRef(0);
  const [ready, setReady] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [items, setItems] = useState<Item[]>(() =>
    pending.map((preview) => ({ key: preview.id, fileName: preview.fileName, phase: "preview", preview, busy: null, error: null })),
  );

  // Tests and people dropping files before hydration: the zone says when it listens.
  useEffect(() => setReady(true), []);

  const update = (key: string, change: (item: Item) => Item) => setItems((all) => all.map((item) => (item.key === key ? change(item) : item)));

  async function addFiles(files: File[]) {
    if (files.length === 0) return;
    const waiting = items.filter((item) => item.phase === "preview" || item.phase === "uploading").length;
    if (files.length + waiting > maxFiles) {
      setMessage(`You chose ${files.length} files${waiting ? ` and ${waiting} are waiting` : ""}: upload at most ${maxFiles} at a time.`);
      return;
    }
    setMessage(null);
    const queued = files.map((file) => ({ file, key: `upload-${++counter.current}` }));
    setItems((all) => [
      ...all,
      ...queued.map(({ file, key }): Item =>
        file.size > maxFileBytes
          ? { key, fileName: file.name, phase: "rejected", error: `${file.name}: ${formatBytes(file.size)} is over the limit of ${formatBytes(maxFileBytes)} per file` }
          : { key, fileName: file.name, phase: "uploading", progress: 0 },
      ),
    ]);
    // One at a time: each file's bar moves in turn and the server parses one file at a time per admin.
    for (const { file, key } of queued) {
      if (file.size > maxFileBytes) continue;
      const answer = await upload(file, (progress) => update(key, (item) => (item.phase === "uploading" ? { ...item, progress } : item)));
      const preview = answer.body?.previews?.[0];
      if (preview) {
        update(key, () => ({ key, fileName: file.name, phase: "preview", preview, busy: null, error: null }));
      } else {
        const error = answer.body?.error ?? (answer.status === 0 ? "the upload failed; check the connection and try again" : `the server answered ${answer.status}`);
        update(key, () => ({ key, fileName: file.name, phase: "rejected", error: error.startsWith(file.name) ? error : `${file.name}: ${error}` }));
      }
    }
  }

  async function act(item: Extract<Item, { phase: "preview" }>, action: Exclude<PreviewAction, null>, date?: string) {
    const base = `/api/admin/imports/${item.preview.id}`;
    update(item.key, (current) => (current.phase === "preview" ? { ...current, busy: action, error: null } : current));
    const result =
      action === "date" ? await send(base, "PATCH", { date }) : action === "import" ? await send(`${base}/confirm`, "POST", {}) : await send(`${base}/cancel`, "POST");
    if (!result.ok) {
      const error = String(result.body.error ?? "something went wrong");
      update(item.key, (current) => (current.phase === "preview" ? { ...current, busy: null, error } : current));
      return;
    }
    if (action === "date") {
      const preview = result.body.preview as PreviewView;
      update(item.key, (current) => (current.phase === "preview" ? { ...current, preview, busy: null } : current));
    } else if (action === "import") {
      update(item.key, () => ({ key: item.key, fileName: item.fileName, phase: "imported", run: result.body.run as ConfirmedImport }));
      router.refresh(); // the history below gains the new run
    } else {
      setItems((all) => all.filter((other) => other.key !== item.key));
      setMessage(`${item.fileName}: cancelled; nothing was imported.`);
    }
  }

  return (
    <div className="space-y-4">
      <div
        data-ready={ready ? "true" : undefined}
        onDragEnter={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragOver={(event) => event.preventDefault()}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void addFiles(Array.from(event.dataTransfer.files));
        }}
        className={`space-y-2 rounded-lg border-2 border-dashed p-6 text-center focus-within:border-sky-600 ${
          dragging ? "border-sky-600 bg-sky-50 dark:bg-sky-950" : "border-zinc-300 dark:border-zinc-700"
        }`}
      >
        <label htmlFor={inputId} className="block font-medium">
          Digest files
        </label>
        <p id={hintId} className="text-sm text-zinc-600 dark:text-zinc-400">
          Drop text digests or Hugging Face daily-papers JSON here, or choose them: up to {maxFiles} files, {formatBytes(maxFileBytes)} each. Nothing is
          imported until you press Import.
        </p>
        <input
          id={inputId}
          type="file"
          multiple
          accept=".txt,.json,text/plain,application/json"
          aria-describedby={hintId}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = ""; // choosing the same file again fires change again
            void addFiles(files);
          }}
          className="mx-auto block text-sm file:mr-3 file:rounded-md file:border-0 file:bg-zinc-900 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-white dark:file:bg-zinc-100 dark:file:text-zinc-900"
        />
      </div>

      <p role="status" aria-live="polite" className="text-sm">
        {message}
      </p>

      <ul className="space-y-4" aria-label="Uploaded files">
        {items.map((item) => (
          <li key={item.key}>
            {item.phase === "uploading" && (
              <div className="space-y-1 rounded-lg border border-zinc-300 p-4 dark:border-zinc-700">
                <p className="break-all text-sm font-medium">{item.fileName}</p>
                <progress value={item.progress} max={1} aria-label={`Uploading ${item.fileName}`} className="h-2 w-full" />
                <p className="text-sm text-zinc-600 dark:text-zinc-400">
                  {item.progress < 1 ? `Uploading… ${Math.round(item.progress * 100)}%` : "Reading the file…"}
                </p>
              </div>
            )}
            {item.phase === "rejected" && (
              <div role="alert" className="rounded-lg border border-red-300 p-4 text-sm text-red-800 dark:border-red-800 dark:text-red-300">
                <p className="whitespace-pre-wrap break-words">Not imported: {item.error}</p>
                <button
                  type="button"
                  onClick={() => setItems((all) => all.filter((other) => other.key !== item.key))}
                  className="mt-2 rounded-md border border-zinc-300 px-3 py-1 text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-900"
                >
                  Dismiss<span className="sr-only"> {item.fileName}</span>
                </button>
              </div>
            )}
            {item.phase === "preview" && (
              <ImportPreviewCard
                preview={item.preview}
                busy={item.busy}
                error={item.error}
                onDate={(date) => void act(item, "date", date)}
                onImport={() => void act(item, "import")}
                onCancel={() => void act(item, "cancel")}
              />
            )}
            {item.phase === "imported" && (
              <div role="status" className="rounded-lg border border-emerald-300 p-4 text-sm dark:border-emerald-800" data-imported={item.fileName}>
                <p className="break-all font-medium">
                  {item.fileName}: {statusText[item.run.status]}
                  {item.run.digestDate ? ` (digest ${item.run.digestDate})` : ""}
                </p>
                <p>
                  {item.run.counts.new} new, {item.run.counts.updated} updated, {item.run.counts.unchanged} unchanged, {item.run.counts.skipped} skipped
                  {item.run.error ? `: ${item.run.error}` : ""}.{" "}
                  <Link href={`/admin/imports/${item.run.runId}`} className="text-sky-800 hover:underline dark:text-sky-300">
                    Import #{item.run.runId}
                  </Link>
                </p>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
