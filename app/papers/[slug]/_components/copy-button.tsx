"use client";
// Copies a text (the BibTeX entry) to the clipboard. It appears only once JavaScript runs;
// without it the text stays selectable in its <pre>.
import { useEffect, useState } from "react";
import { useHydrated } from "@/components/use-hydrated";

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const ready = useHydrated();
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (status === "idle") return;
    const timer = setTimeout(() => setStatus("idle"), 2000);
    return () => clearTimeout(timer);
  }, [status]);

  if (!ready) return null;

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("copied");
    } catch {
      setStatus("failed");
    }
  }

  return (
    <button
      type="button"
      onClick={copy}
      className="rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-xs font-medium text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800"
    >
      <span aria-live="polite">
        {status === "copied" ? "Copied" : status === "failed" ? "Copy failed: select the text" : label}
      </span>
    </button>
  );
}
