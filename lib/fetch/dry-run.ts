// `fetch --dry-run`: fetch a day and report what an import would take, without a database.
import { dryRunDigest } from "../ingest/dry-run";
import { FetchFailure, type HfClient } from "./client";
import { fetchDay } from "./day";
import { fetchedSource } from "./import-day";

export type DryRunDay = { day: string; url: string; papers: number; problems: number; error: string | null };

export async function dryRunDay(
  client: HfClient,
  apiUrl: string,
  day: string,
  today: string,
  write: (text: string) => void,
  json: boolean,
): Promise<DryRunDay> {
  try {
    const answer = await fetchDay(client, apiUrl, day, []);
    if (answer.kind === "not-modified") throw new FetchFailure("304 Not Modified to a request without validators");
    const result = await dryRunDigest(fetchedSource(day, answer.bytes), { today, date: day }, write, json);
    return { day, url: answer.url, papers: result.papers, problems: result.problems.length, error: result.error };
  } catch (error) {
    if (!(error instanceof FetchFailure)) throw error;
    if (json)
      write(
        `${JSON.stringify({ file: fetchedSource(day, new Uint8Array()).name, papers: [], problems: [], error: error.message })}\n`,
      );
    return { day, url: "", papers: 0, problems: 0, error: error.message };
  }
}
