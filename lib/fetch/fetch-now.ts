// The admin's "Fetch now" (admins only, checked here whatever the page or action checked before) and the
// fetch overview /admin shows: the web's way into lib/fetch, on the web process's pool (lib/db/README.md).
import "server-only";
import { checkAdmin } from "../auth/admin-check";
import type { SessionUser } from "../auth/session";
import { serverPool } from "../db/pool";
import { env } from "../env";
import { fetchOverview, type FetchOverview } from "./overview";
import { fetchDays, recentDays, tally, type FetchRun } from "./run";
import { fetchContext } from "./settings";

export type FetchNowOutcome = { ok: true; message: string } | { ok: false; status: 401 | 403 | 409; error: string };

/** Runs what a scheduled tick runs (today and the lookback days); injected so tests can count calls. */
export type RecentFetch = () => Promise<FetchRun>;

const fetchRecentDays: RecentFetch = () => {
  const settings = env();
  const today = new Date().toISOString().slice(0, 10);
  return fetchDays(fetchContext(settings, serverPool(), today), recentDays(today, settings.HF_FETCH_LOOKBACK_DAYS));
};

/** What /admin shows about the fetch now: the schedule from the environment, the days from the database. */
export function currentFetchOverview(): Promise<FetchOverview> {
  return fetchOverview(serverPool(), env(), new Date());
}

/** Works with HF_FETCH=off too: off stops the schedule, not an admin who asks. */
export async function fetchNowAs(
  user: SessionUser | null,
  run: RecentFetch = fetchRecentDays,
): Promise<FetchNowOutcome> {
  const check = checkAdmin(user, "fetch from Hugging Face");
  if (!check.ok) return check;
  const result = await run();
  if (result.busy)
    return {
      ok: false,
      status: 409,
      error: "A fetch is already running (the worker or another admin); its result appears here when it is done.",
    };
  const counts = tally(result.days);
  const failed = result.days.filter((day) => day.result === "FAILED").map((day) => `${day.day}: ${day.message}`);
  const summary = `${result.days.length} day${result.days.length === 1 ? "" : "s"} fetched: ${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed`;
  return { ok: true, message: failed.length > 0 ? `${summary} (${failed.join("; ")})` : `${summary}.` };
}
