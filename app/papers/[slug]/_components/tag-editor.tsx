"use client";
// Add your own tags to a paper and remove them; the server's message shows when a name is refused. Which
// tags are mine comes from /api/me/state (the page is the same for everyone), and each answer updates it.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { usePaper } from "@/components/personal-state";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { checkTagNames } from "@/lib/tags/tag-names";
import type { PaperTagView } from "@/lib/tags/types";

/** `tags`: the paper's tags as the page was rendered, for the names of mine. */
type Props = { paperId: number; slug: string; tags: { slug: string; name: string }[] };

export function TagEditor({ paperId, slug, tags }: Props) {
  const router = useRouter();
  const { view, setPaper } = usePaper(paperId);
  const [names, setNames] = useState("");
  const [known, setKnown] = useState(() => new Map(tags.map((tag) => [tag.slug, tag.name])));
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const myTags = view.papers[paperId]?.myTags;
  const mine = (myTags ?? []).map((tagSlug) => ({ slug: tagSlug, name: known.get(tagSlug) ?? tagSlug }));

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
      const now = (result.tags ?? []) as PaperTagView[];
      setKnown((before) => new Map([...before, ...now.map((tag) => [tag.slug, tag.name] as const)]));
      setPaper({ myTags: now.filter((tag) => tag.mine).map((tag) => tag.slug) });
      // The paper's public tag list, when a tag appeared on it or left it.
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
          // The server's own rule (its zod schema wraps it), so a refusal (blank, markup, too many) is explained
          // here without a round trip; zod itself stays off the client.
          const parsed = checkTagNames(names);
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
        <Button type="submit" variant="strong" size="sm" disabled={pending || myTags === undefined}>
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
