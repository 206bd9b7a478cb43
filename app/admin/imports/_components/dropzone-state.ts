// Owns the dropzone's state: each chosen file's phase (uploading, rejected, preview, imported) and the line above
// the list. Pure (no fetch, no React), so every transition is unit-tested.
import { formatBytes } from "@/lib/admin-import/format";
import type { ConfirmedImport, PreviewView } from "@/lib/admin-import/types";

export type PreviewAction = "date" | "import" | "cancel";

export type Item =
  | { key: string; fileName: string; phase: "uploading"; progress: number }
  | { key: string; fileName: string; phase: "rejected"; error: string }
  | {
      key: string;
      fileName: string;
      phase: "preview";
      preview: PreviewView;
      busy: PreviewAction | null;
      error: string | null;
    }
  | { key: string; fileName: string; phase: "imported"; run: ConfirmedImport };

export type PreviewItem = Extract<Item, { phase: "preview" }>;

export type DropzoneState = { items: Item[]; message: string | null };

export type Limits = { maxFiles: number; maxFileBytes: number };

/** A chosen file and the key its item gets; generic so the caller gets its own File objects back. */
export type Chosen<F extends { name: string; size: number }> = { key: string; file: F };

export type Admission<F extends { name: string; size: number }> =
  { ok: false; message: string } | { ok: true; items: Item[]; toUpload: Chosen<F>[] };

export type DropzoneEvent =
  | { type: "chosen"; admission: Admission<{ name: string; size: number }> }
  | { type: "progress"; key: string; fraction: number }
  | { type: "uploaded"; key: string; preview: PreviewView }
  | { type: "upload-failed"; key: string; error: string }
  | { type: "dismissed"; key: string }
  | { type: "started"; key: string; action: PreviewAction }
  | { type: "failed"; key: string; error: string }
  | { type: "dated"; key: string; preview: PreviewView }
  | { type: "imported"; key: string; run: ConfirmedImport }
  | { type: "cancelled"; key: string };

function previewItem(key: string, fileName: string, preview: PreviewView): PreviewItem {
  return { key, fileName, phase: "preview", preview, busy: null, error: null };
}

/** The previews this admin left unconfirmed earlier are listed again, ready to import or cancel. */
export function initialState(pending: PreviewView[]): DropzoneState {
  return { items: pending.map((preview) => previewItem(preview.id, preview.fileName, preview)), message: null };
}

/**
 * Which chosen files become items: all or none when they would exceed maxFiles together with the files still
 * waiting (uploading or in preview); a file over maxFileBytes is rejected here and never uploaded.
 */
export function admitFiles<F extends { name: string; size: number }>(
  items: Item[],
  chosen: Chosen<F>[],
  limits: Limits,
): Admission<F> {
  const waiting = items.filter((item) => item.phase === "preview" || item.phase === "uploading").length;
  if (chosen.length + waiting > limits.maxFiles) {
    const alsoWaiting = waiting ? ` and ${waiting} are waiting` : "";
    return {
      ok: false,
      message: `You chose ${chosen.length} files${alsoWaiting}: upload at most ${limits.maxFiles} at a time.`,
    };
  }
  const fits = ({ file }: Chosen<F>) => file.size <= limits.maxFileBytes;
  const admitted = chosen.map(({ key, file }): Item => {
    if (fits({ key, file })) return { key, fileName: file.name, phase: "uploading", progress: 0 };
    const error = `${file.name}: ${formatBytes(file.size)} is over the limit of ${formatBytes(limits.maxFileBytes)} per file`;
    return { key, fileName: file.name, phase: "rejected", error };
  });
  return { ok: true, items: admitted, toUpload: chosen.filter(fits) };
}

/** Errors name their file, once: the server's upload errors usually start with the name already. */
function withFileName(fileName: string, error: string): string {
  return error.startsWith(fileName) ? error : `${fileName}: ${error}`;
}

function mapItem(state: DropzoneState, key: string, change: (item: Item) => Item): DropzoneState {
  return { ...state, items: state.items.map((item) => (item.key === key ? change(item) : item)) };
}

/** Changes an item only while it uploads: the answer to an upload settles it once. */
function mapUploading(
  state: DropzoneState,
  key: string,
  change: (item: Extract<Item, { phase: "uploading" }>) => Item,
): DropzoneState {
  return mapItem(state, key, (item) => (item.phase === "uploading" ? change(item) : item));
}

/** Changes an item only while it is in the preview phase: a late answer for a removed or imported item is ignored. */
function mapPreview(state: DropzoneState, key: string, change: (item: PreviewItem) => Item): DropzoneState {
  return mapItem(state, key, (item) => (item.phase === "preview" ? change(item) : item));
}

export function dropzoneReducer(state: DropzoneState, event: DropzoneEvent): DropzoneState {
  switch (event.type) {
    case "chosen":
      if (!event.admission.ok) return { ...state, message: event.admission.message };
      return { items: [...state.items, ...event.admission.items], message: null };
    case "progress":
      return mapUploading(state, event.key, (item) => ({ ...item, progress: event.fraction }));
    case "uploaded":
      return mapUploading(state, event.key, (item) => previewItem(item.key, item.fileName, event.preview));
    case "upload-failed":
      return mapUploading(state, event.key, (item) => ({
        key: item.key,
        fileName: item.fileName,
        phase: "rejected",
        error: withFileName(item.fileName, event.error),
      }));
    case "dismissed":
      return { ...state, items: state.items.filter((item) => item.key !== event.key) };
    case "started":
      return mapPreview(state, event.key, (item) => ({ ...item, busy: event.action, error: null }));
    case "failed":
      return mapPreview(state, event.key, (item) => ({ ...item, busy: null, error: event.error }));
    case "dated":
      return mapPreview(state, event.key, (item) => ({ ...item, preview: event.preview, busy: null }));
    case "imported":
      return mapPreview(state, event.key, (item) => ({
        key: item.key,
        fileName: item.fileName,
        phase: "imported",
        run: event.run,
      }));
    case "cancelled": {
      const cancelled = state.items.find((item) => item.key === event.key);
      if (!cancelled) return state;
      return {
        items: state.items.filter((item) => item.key !== event.key),
        message: `${cancelled.fileName}: cancelled; nothing was imported.`,
      };
    }
  }
}
