// The admin page's calls to /api/admin/imports: upload a file (with progress), set a preview's date, import, cancel.
import type {
  CancelAnswer,
  ConfirmAnswer,
  ConfirmRefusal,
  PreviewDateAnswer,
  UploadAnswer,
} from "@/lib/admin-import/api-answers";
import type { ConfirmedImport, PreviewView } from "@/lib/admin-import/types";

/** Every call resolves, never throws: a failure carries the sentence to show the admin. */
export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: string; /** The preview read again, when the server sent it. */ preview?: PreviewView };

const base = (id: string) => `/api/admin/imports/${id}`;

/** XMLHttpRequest rather than fetch: only it reports upload progress. One file per request, so each has its own bar. */
export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<Outcome<PreviewView>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/admin/imports");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      // A refusal before the route ran (too large, not signed in) is the plain error shape, so every field may be missing.
      const answer: Partial<UploadAnswer> | null = xhr.response;
      const preview = answer?.previews?.[0];
      if (preview) resolve({ ok: true, value: preview });
      else resolve({ ok: false, error: answer?.error ?? `the server answered ${xhr.status}` });
    };
    xhr.onerror = () => resolve({ ok: false, error: "the upload failed; check the connection and try again" });
    const form = new FormData();
    form.append("files", file);
    xhr.send(form);
  });
}

/** The routes answer T on success and the API's error shape (lib/api/responses.ts) otherwise. */
async function call<T>(url: string, method: "PATCH" | "POST" | "DELETE", body?: object): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, error: "the server could not be reached; try again" };
  }
  if (!response.ok) {
    const failure: Partial<ConfirmRefusal> | null = await response.json().catch(() => null);
    return { ok: false, error: failure?.error ?? `the server answered ${response.status}`, preview: failure?.preview };
  }
  const value: T | null = await response.json().catch(() => null);
  if (value === null) return { ok: false, error: `the server answered ${response.status} without a readable body` };
  return { ok: true, value };
}

export async function setPreviewDate(id: string, date: string): Promise<Outcome<PreviewView>> {
  const outcome = await call<PreviewDateAnswer>(base(id), "PATCH", { date });
  return outcome.ok ? { ok: true, value: outcome.value.preview } : outcome;
}

/** An empty object confirms with the date the preview shows. */
export async function confirmImport(id: string): Promise<Outcome<ConfirmedImport>> {
  const outcome = await call<ConfirmAnswer>(`${base(id)}/confirm`, "POST", {});
  return outcome.ok ? { ok: true, value: outcome.value.run } : outcome;
}

export async function cancelPreview(id: string): Promise<Outcome<CancelAnswer>> {
  return call<CancelAnswer>(base(id), "DELETE");
}
