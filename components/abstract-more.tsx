"use client";
// "Show full abstract" under a card's excerpt: the first press fetches the abstract (a small public answer,
// cached by the browser and the page cache) and shows it in place of the excerpt; "Show less" puts the excerpt
// back. It gets the paper's slug and nothing else of the paper, so the list page carries each excerpt once in
// its HTML and once in its React payload, never the whole abstract.
import { useRouter } from "next/navigation";
import { useId, useState, type ReactNode } from "react";
import { HighlightedText } from "./highlighted-text";

// Hidden where scripts do not run (the title leads to the whole abstract there). One element from the server
// on: swapping a link for a button after hydration made React re-render every card's toggle in one long task
// (about a second of blocking time on Lighthouse's phone), and React replays a click made before hydration.
const TOGGLE =
  "mt-0.5 inline-block rounded [@media(scripting:none)]:hidden text-xs font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-300";

type Props = {
  slug: string;
  /** Search terms to highlight in the whole abstract, as the server highlighted them in the excerpt. */
  terms?: string[];
  /** The card's title element: tells apart the cards' otherwise identical toggles. */
  describedBy: string;
  /** The excerpt, rendered on the server. */
  children: ReactNode;
};

export function AbstractMore({ slug, terms, describedBy, children }: Props) {
  const router = useRouter();
  const textId = useId();
  const [full, setFull] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);
  const pageHref = `/papers/${slug}`;

  async function toggle() {
    if (open || full !== null) {
      setOpen(!open);
      return;
    }
    if (loading) return;
    setLoading(true);
    try {
      const response = await fetch(`/api/papers/${encodeURIComponent(slug)}/abstract`);
      if (!response.ok) throw new Error(`answered ${response.status}`);
      const body = (await response.json()) as { abstract: string };
      setFull(body.abstract);
      setOpen(true);
    } catch {
      // Offline or gone: the paper's page has the abstract, or says why not.
      router.push(pageHref);
    } finally {
      setLoading(false);
    }
  }

  return (
    <div className="mt-1.5 text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
      <p id={textId}>{open && full !== null ? <HighlightedText text={full} terms={terms} /> : children}</p>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={textId}
        aria-describedby={describedBy}
        aria-busy={loading || undefined}
        onClick={toggle}
        className={TOGGLE}
      >
        {open ? "Show less" : "Show full abstract"}
      </button>
    </div>
  );
}
