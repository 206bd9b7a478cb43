"use client";
// Drop or choose digest files: each is uploaded (with progress), previewed, then imported or cancelled by the admin.
// Wiring only: the phases are dropzone-state.ts, the requests import-api.ts, the looks the cards.
import { useRouter } from "next/navigation";
import { useReducer, useRef } from "react";
import type { PreviewView } from "@/lib/admin-import/types";
import { admitFiles, dropzoneReducer, initialState, type Item, type Limits, type PreviewItem } from "./dropzone-state";
import { FileDropArea } from "./file-drop-area";
import { cancelPreview, confirmImport, setPreviewDate, uploadFile } from "./import-api";
import { ImportPreviewCard } from "./import-preview-card";
import { ImportedCard, RejectedCard, UploadingCard } from "./upload-cards";

type Props = Limits & { pending: PreviewView[] };

export function ImportDropzone({ pending, maxFileBytes, maxFiles }: Props) {
  const router = useRouter();
  const counter = useRef(0);
  const [state, dispatch] = useReducer(dropzoneReducer, pending, initialState);

  async function addFiles(files: File[]) {
    if (files.length === 0) return;
    const chosen = files.map((file) => ({ key: `upload-${++counter.current}`, file }));
    const admission = admitFiles(state.items, chosen, { maxFiles, maxFileBytes });
    dispatch({ type: "chosen", admission });
    if (!admission.ok) return;
    // One at a time: each file's bar moves in turn and the server parses one file at a time per admin.
    for (const { key, file } of admission.toUpload) {
      const outcome = await uploadFile(file, (fraction) => dispatch({ type: "progress", key, fraction }));
      if (outcome.ok) dispatch({ type: "uploaded", key, preview: outcome.value });
      else dispatch({ type: "upload-failed", key, error: outcome.error });
    }
  }

  async function changeDate({ key, preview }: PreviewItem, date: string) {
    dispatch({ type: "started", key, action: "date" });
    const outcome = await setPreviewDate(preview.id, date);
    if (outcome.ok) dispatch({ type: "dated", key, preview: outcome.value });
    else dispatch({ type: "failed", key, error: outcome.error });
  }

  async function confirm({ key, preview }: PreviewItem) {
    dispatch({ type: "started", key, action: "import" });
    const outcome = await confirmImport(preview.id);
    if (outcome.ok) {
      dispatch({ type: "imported", key, run: outcome.value });
      router.refresh(); // the history below gains the new run
    } else {
      // Imported elsewhere meanwhile: the card shows the preview as it now stands, and why nothing happened.
      if (outcome.preview) dispatch({ type: "dated", key, preview: outcome.preview });
      dispatch({ type: "failed", key, error: outcome.error });
    }
  }

  async function cancel({ key, preview }: PreviewItem) {
    dispatch({ type: "started", key, action: "cancel" });
    const outcome = await cancelPreview(preview.id);
    if (outcome.ok) dispatch({ type: "cancelled", key });
    else dispatch({ type: "failed", key, error: outcome.error });
  }

  function card(item: Item) {
    switch (item.phase) {
      case "uploading":
        return <UploadingCard fileName={item.fileName} progress={item.progress} />;
      case "rejected":
        return (
          <RejectedCard
            fileName={item.fileName}
            error={item.error}
            onDismiss={() => dispatch({ type: "dismissed", key: item.key })}
          />
        );
      case "preview":
        return (
          <ImportPreviewCard
            preview={item.preview}
            busy={item.busy}
            error={item.error}
            onDate={(date) => void changeDate(item, date)}
            onImport={() => void confirm(item)}
            onCancel={() => void cancel(item)}
          />
        );
      case "imported":
        return <ImportedCard fileName={item.fileName} run={item.run} />;
    }
  }

  return (
    <div className="space-y-4">
      <FileDropArea maxFiles={maxFiles} maxFileBytes={maxFileBytes} onFiles={(files) => void addFiles(files)} />
      <p role="status" aria-live="polite" className="text-sm">
        {state.message}
      </p>
      <ul className="space-y-4" aria-label="Uploaded files">
        {state.items.map((item) => (
          <li key={item.key}>{card(item)}</li>
        ))}
      </ul>
    </div>
  );
}
