"use client";
// Add your own tags to a paper and remove them; the server's message shows when a name is refused.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { parseTagInput } from "@/lib/tags/tag-input";

type Props = { slug: string; mine: { slug: string; name: string }[] };

export function TagEditor({ slug, mine }: Props) {
  const router = useRouter();
  const [names, setNames] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function send(method: "POST" | "DELETE", url: string, body?: unknown) {
    setMessage(null);
    startTransition(async () => {
      const response = await fetch(url, {
        method,
        headers: body ? { "Content-Type": "application/json" } : undefined,
        body: body ? JSON.stringify(body) : undefined,
      });
      const result = await response.json().catch(() => ({}));
      if (!response.ok) {
        setMessage(result.error ?? `The server said ${response.status}.`);
        return;
      }
      if (method === "POST") setNames("");
      router.refresh();
    });
  }

  const base = `/api/papers/${encodeURIComponent(slug)}/tags`;
  return (
    <div className="space-y-2">
      <form
        className="flex flex-wrap gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          // The server's own schema, so a refusal (blank, markup, too many) is explained here without a round trip.
          const parsed = parseTagInput(names);
          if (parsed.ok) send("POST", base, { names });
          else setMessage(parsed.error);
        }}
      >
        <label htmlFor="tag-names" className="sr-only">
          Add tags (comma-separated)
        </label>
        <input
          id="tag-names"
          value={names}
          onChange={(event) => {
            setNames(event.target.value);
            setMessage(null);
          }}
          placeholder="Add tags, comma-separated"
          maxLength={300}
          aria-describedby="tag-message"
          aria-invalid={message !== null}
          className={`${inputClass} min-w-0 flex-1 px-3 py-1.5 text-sm`}
        />
        <Button type="submit" variant="strong" size="sm" disabled={pending}>
          Add tag
        </Button>
      </form>
      <p id="tag-message" role="status" aria-live="polite" className="text-sm text-red-700 dark:text-red-400">
        {message}
      </p>
      {mine.length > 0 && (
        <ul aria-label="Your tags on this paper" className="flex flex-wrap gap-2 text-sm">
          {mine.map((tag) => (
            <li
              key={tag.slug}
              className="inline-flex items-center gap-1 rounded-full border border-zinc-300 py-0.5 pl-3 pr-1 dark:border-zinc-700"
            >
              {tag.name}
              <button
                type="button"
                onClick={() => send("DELETE", `${base}/${encodeURIComponent(tag.slug)}`)}
                className="rounded-full px-1.5 text-zinc-600 hover:bg-zinc-200 dark:text-zinc-400 dark:hover:bg-zinc-800"
                aria-label={`Remove your tag ${tag.name}`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
