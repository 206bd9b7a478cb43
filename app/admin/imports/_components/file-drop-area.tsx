"use client";
// The drop target and file chooser: hands the chosen files on and shows when a drag is over it.
import { useId, useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { formatBytes } from "@/lib/admin-import/format";
import type { Limits } from "./dropzone-state";

type Props = Limits & { onFiles: (files: File[]) => void };

const idle = "border-zinc-300 dark:border-zinc-700";
const over = "border-sky-600 bg-sky-50 dark:bg-sky-950";

export function FileDropArea({ maxFiles, maxFileBytes, onFiles }: Props) {
  const inputId = useId();
  const hintId = useId();
  const [dragging, setDragging] = useState(false);
  // Tests and people dropping files before hydration: data-ready says when the zone listens.
  const ready = useHydrated();
  return (
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
        onFiles(Array.from(event.dataTransfer.files));
      }}
      className={`space-y-2 rounded-lg border-2 border-dashed p-6 text-center focus-within:border-sky-600 ${dragging ? over : idle}`}
    >
      <label htmlFor={inputId} className="block font-medium">
        Digest files
      </label>
      <p id={hintId} className="text-sm text-zinc-600 dark:text-zinc-400">
        Drop text digests or Hugging Face daily-papers JSON here, or choose them: up to {maxFiles} files,{" "}
        {formatBytes(maxFileBytes)} each. Nothing is imported until you press Import.
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
          onFiles(files);
        }}
        className="mx-auto block text-sm file:mr-3 file:rounded-md file:border-0 file:bg-zinc-900 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-white dark:file:bg-zinc-100 dark:file:text-zinc-900"
      />
    </div>
  );
}
