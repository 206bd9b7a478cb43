// A subscription in words, as the confirm page, the emails and /me say it. Pure.
import { WEEKDAYS } from "./choices";

export type SubscriptionPlan = { frequency: "DAILY" | "WEEKLY"; weekday: number; topics: readonly { name: string }[] };

/** "daily digest" or "weekly digest on Mondays". */
function describeSchedule({ frequency, weekday }: Pick<SubscriptionPlan, "frequency" | "weekday">): string {
  if (frequency === "DAILY") return "daily digest";
  return `weekly digest on ${WEEKDAYS[weekday] ?? WEEKDAYS[1]}s`;
}

/** "daily digest, topics: Video, Agents" or "weekly digest on Mondays, all topics". */
export function describeSubscription(plan: SubscriptionPlan): string {
  const topics = plan.topics.length > 0 ? `topics: ${plan.topics.map((topic) => topic.name).join(", ")}` : "all topics";
  return `${describeSchedule(plan)}, ${topics}`;
}
