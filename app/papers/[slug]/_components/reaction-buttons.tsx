"use client";
// Upvote and Save on a paper page that is the same for every reader (served from the page cache): signed
// out, links to sign-in with the shared count; signed in, toggles that stay busy until /api/me/state says
// what this reader did, then act optimistically and take the server's count. The count baked into the
// page is only a first guess; the fresh one comes from the state or counts call.
import Link from "next/link";
import { useState, useTransition } from "react";
import { usePaper } from "@/components/personal-state";
import { SignedInSwitch } from "@/components/signed-in-switch";

type Props = { paperId: number; slug: string; /** When the page was rendered. */ upvotes: number };
type Kind = "upvote" | "save";

const base =
  "inline-flex items-center gap-1.5 rounded-md border px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600";
const idle = "border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900";
const on = "border-sky-700 bg-sky-50 text-sky-900 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-100";
const busy = "border-zinc-300 text-zinc-500 dark:border-zinc-700 dark:text-zinc-400 cursor-progress";

/** The label in the width of its longer form, so turning on or arriving never moves what follows. */
function Label({ text, wider }: { text: string; wider: string }) {
  return (
    <span className="inline-grid">
      <span className="invisible col-start-1 row-start-1" aria-hidden="true">
        {wider}
      </span>
      <span className="col-start-1 row-start-1">{text}</span>
    </span>
  );
}

export function ReactionButtons({ paperId, slug, upvotes }: Props) {
  const { view, setPaper } = usePaper(paperId);
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const mine = view.papers[paperId];
  const shownUpvotes = mine?.upvotes ?? view.counts[paperId]?.upvotes ?? upvotes;

  function set(kind: Kind, active: boolean) {
    if (!mine) return;
    const before = mine;
    setError(null);
    setPaper(
      kind === "upvote"
        ? { upvoted: active, upvotes: mine.upvotes + (active ? 1 : -1) }
        : { saved: active, saves: mine.saves + (active ? 1 : -1) },
    );
    startTransition(async () => {
      try {
        const response = await fetch(`/api/papers/${encodeURIComponent(slug)}/reactions`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ kind, active }),
        });
        const body = await response.json();
        if (!response.ok) throw new Error(body.error ?? `The server said ${response.status}.`);
        setPaper(
          kind === "upvote" ? { upvoted: body.active, upvotes: body.count } : { saved: body.active, saves: body.count },
        );
      } catch (failure) {
        setPaper(before);
        setError(failure instanceof Error ? failure.message : "That did not work; try again.");
      }
    });
  }

  const signIn = `/signin?callbackUrl=${encodeURIComponent(`/papers/${slug}`)}`;
  const signedOut = (
    <div className="flex flex-wrap items-center gap-2">
      <Link href={signIn} className={`${base} ${idle}`}>
        <span aria-hidden="true">▲</span> <Label text="Upvote" wider="Upvoted" />{" "}
        <span className="tabular-nums">{shownUpvotes}</span>
        <span className="sr-only"> (sign in to vote)</span>
      </Link>
      <Link href={signIn} className={`${base} ${idle}`}>
        <Label text="Save" wider="Saved" />
        <span className="sr-only"> (sign in to save)</span>
      </Link>
    </div>
  );

  const signedIn = (
    <div className="flex flex-wrap items-center gap-2" aria-busy={!mine}>
      <button
        type="button"
        aria-pressed={mine?.upvoted ?? false}
        disabled={!mine}
        onClick={() => mine && set("upvote", !mine.upvoted)}
        className={`${base} ${!mine ? busy : mine.upvoted ? on : idle}`}
      >
        <span aria-hidden="true">▲</span> <Label text={mine?.upvoted ? "Upvoted" : "Upvote"} wider="Upvoted" />{" "}
        <span className="tabular-nums" data-testid="upvote-count">
          {shownUpvotes}
        </span>
      </button>
      <button
        type="button"
        aria-pressed={mine?.saved ?? false}
        disabled={!mine}
        onClick={() => mine && set("save", !mine.saved)}
        className={`${base} ${!mine ? busy : mine.saved ? on : idle}`}
      >
        <Label text={mine?.saved ? "Saved" : "Save"} wider="Saved" />
      </button>
      <p role="status" aria-live="polite" className="text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    </div>
  );

  return <SignedInSwitch signedIn={signedIn} signedOut={signedOut} />;
}
