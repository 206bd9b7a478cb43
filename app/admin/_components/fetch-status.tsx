// /admin's Hugging Face section: the schedule, the next run, the last fetch of each recent day, and "Fetch now".
import Link from "next/link";
import { env } from "@/lib/env";
import { currentFetchOverview } from "@/lib/fetch/fetch-now";
import { AdminTable, cell } from "../admin-table";
import { FetchNowButton } from "./fetch-now-button";

const RESULT_WORDS = { IMPORTED: "imported", UNCHANGED: "unchanged", FAILED: "failed" } as const;
const when = (date: Date, timeZone: string) =>
  date.toLocaleString("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" });

export async function FetchStatus() {
  const settings = env();
  const overview = await currentFetchOverview();
  return (
    <section aria-labelledby="hf-fetch" className="space-y-3">
      <h2 id="hf-fetch" className="text-lg font-semibold">
        Hugging Face fetch
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {overview.nextRun
          ? `The worker fetches today and the ${settings.HF_FETCH_LOOKBACK_DAYS} days before at "${overview.cron}" (${overview.timeZone}); next run ${when(overview.nextRun, overview.timeZone)}.`
          : "The scheduled fetch is off (HF_FETCH=off); Fetch now still works."}
      </p>
      {overview.days.length === 0 ? (
        <p className="text-sm">Nothing fetched yet.</p>
      ) : (
        <AdminTable caption="The last fetch of each day" headers={["Day", "Last fetch", "Result", "Details"]}>
          {overview.days.map((day) => (
            <tr key={day.day}>
              <td className={cell}>{day.day}</td>
              <td className={cell}>{when(day.fetchedAt, overview.timeZone)}</td>
              <td className={cell}>{RESULT_WORDS[day.result]}</td>
              <td className={cell}>
                {day.message}
                {day.importRunId ? (
                  <>
                    {" "}
                    <Link
                      href={`/admin/imports/${day.importRunId}`}
                      className="text-sky-700 hover:underline dark:text-sky-400"
                    >
                      import #{day.importRunId}
                    </Link>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      <FetchNowButton />
    </section>
  );
}
