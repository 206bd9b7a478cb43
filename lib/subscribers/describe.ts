// A subscription in words, as the confirm page, the emails and /me say it. Pure.
import { WEEKDAYS } from "./choices";

export type SubscriptionPlan = {
  frequency: "DAILY" | "WEEKLY";
  weekday: number;
  topics: readonly { name: string }[];
  /** "Only my topics" (lib/subscribers/choices.ts DIGEST_MODES); default: trending plus the topics. */
  topicsOnly?: boolean;
};

/** "daily digest" or "weekly digest on Mondays". */
function describeSchedule({ frequency, weekday }: Pick<SubscriptionPlan, "frequency" | "weekday">): string {
  if (frequency === "DAILY") return "daily digest";
  return `weekly digest on ${WEEKDAYS[weekday] ?? WEEKDAYS[1]}s`;
}

/**
 * "daily digest, trending plus topics: Video, Agents", "daily digest, only topics: Video" or
 * "weekly digest on Mondays, all topics" (trending papers from every topic).
 */
export function describeSubscription(plan: SubscriptionPlan): string {
  const names = plan.topics.map((topic) => topic.name).join(", ");
  const topics =
    plan.topics.length === 0
      ? "all topics"
      : plan.topicsOnly
        ? `only topics: ${names}`
        : `trending plus topics: ${names}`;
  return `${describeSchedule(plan)}, ${topics}`;
}
