// A ranked card's reason for its place: upvotes and saves at a glance, the whole trending formula's inputs in a tooltip.
import type { RankSignals as Signals } from "@/lib/papers/types";
import { formatCount } from "./format";

const plural = (count: number, one: string) => `${formatCount(count)} ${count === 1 ? one : `${one}s`}`;

/** "12 upvotes, 3 saves, 2 tags, 40 upvotes on Hugging Face": what trending weighs (lib/trending/score.ts). */
function describeSignals(signals: Signals): string {
  const parts = [plural(signals.upvotes, "upvote"), plural(signals.saves, "save"), plural(signals.tags, "tag")];
  if (signals.upstream > 0) parts.push(`${plural(signals.upstream, "upvote")} on Hugging Face`);
  return parts.join(", ");
}

export function RankSignalBadges({ signals, why }: { signals: Signals; why: "trending" | "top" }) {
  const reason =
    why === "trending"
      ? `Trending from ${describeSignals(signals)}, fading by half every two days since it was first seen`
      : `Ranked by its ${plural(signals.upvotes, "upvote")}`;
  return (
    <p className="text-xs tabular-nums text-zinc-600 dark:text-zinc-400" title={reason} data-rank-signals>
      <span className="sr-only">{reason}. </span>
      <span aria-hidden="true">
        ▲ {plural(signals.upvotes, "upvote")} · {plural(signals.saves, "save")}
        {why === "trending" && signals.upstream > 0 ? ` · ${formatCount(signals.upstream)} on HF` : ""}
      </span>
    </p>
  );
}
