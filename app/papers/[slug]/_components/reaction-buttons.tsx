"use client";
// Upvote and Save toggles: optimistic, then corrected by the server's count; signed out, they lead to sign-in and back.
import Link from "next/link";
import { useState, useTransition } from "react";

type Props = { slug: string; upvotes: number; upvoted: boolean; saved: boolean; signedIn: boolean };
type Kind = "upvote" | "save";

const base =
  "inline-flex items-center gap-1.5 rounded-md border px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600";
const idle = "border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900";
const on = "border-sky-700 bg-sky-50 text-sky-900 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-100";

export function ReactionButtons({ slug, upvotes, upvoted, saved, signedIn }: Props) {
  const [state, setState] = useState({ upvotes, upvoted, saved });
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  if (!signedIn) {
    const signIn = `/signin?callbackUrl=${encodeURIComponent(`/papers/${slug}`)}`;
    return (
      <div className="flex flex-wrap items-center gap-2">
        <Link href={signIn} className={`${base} ${idle}`}>
          <span aria-hidden="true">▲</span> Upvote <span className="tabular-nums">{upvotes}</span>
          <span className="sr-only"> (sign in to vote)</span>
        </Link>
        <Link href={signIn} className={`${base} ${idle}`}>
          Save<span className="sr-only"> (sign in to save)</span>
        </Link>
      </div>
    );
  }

  function set(kind: Kind, active: boolean) {
    const before = state;
    setError(null);
    setState((current) =>
      kind === "upvote"
        ? { ...current, upvoted: active, upvotes: current.upvotes + (active ? 1 : -1) }
        : { ...current, saved: active },
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
        setState((current) =>
          kind === "upvote"
            ? { ...current, upvoted: body.active, upvotes: body.count }
            : { ...current, saved: body.active },
        );
      } catch (failure) {
        setState(before);
        setError(failure instanceof Error ? failure.message : "That did not work; try again.");
      }
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        aria-pressed={state.upvoted}
        onClick={() => set("upvote", !state.upvoted)}
        className={`${base} ${state.upvoted ? on : idle}`}
      >
        <span aria-hidden="true">▲</span> {state.upvoted ? "Upvoted" : "Upvote"}{" "}
        <span className="tabular-nums" data-testid="upvote-count">
          {state.upvotes}
        </span>
      </button>
      <button
        type="button"
        aria-pressed={state.saved}
        onClick={() => set("save", !state.saved)}
        className={`${base} ${state.saved ? on : idle}`}
      >
        {state.saved ? "Saved" : "Save"}
      </button>
      <p role="status" aria-live="polite" className="text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    </div>
  );
}
