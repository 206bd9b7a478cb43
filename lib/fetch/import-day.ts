// Owns one fetched day end to end: revalidate, fetch, import through the file importer, record the result.
import { createHash } from "node:crypto";
import type pg from "pg";
import {
  importDigest,
  recordUnreadableSource,
  type DigestSource,
  type ImportOptions,
  type ImportSummary,
} from "../ingest/import";
import { FetchFailure, type HfClient } from "./client";
import { dailyPapersUrl, fetchDay } from "./day";
import { readFetchState, saveFetchState } from "./state";

/** ImportRun.imported_by for every fetched day. */
export const FETCH_IMPORTED_BY = "fetch:huggingface";

/** new: the day gained digest entries; updated: papers or upvotes changed; unchanged: nothing to do. */
type DayResult = "NEW" | "UPDATED" | "UNCHANGED" | "FAILED";

export type DayOutcome = {
  day: string;
  result: DayResult;
  /** One line: what happened, or what went wrong. */
  message: string;
  url: string;
  importRunId: number | null;
  counts: ImportSummary["counts"] | null;
  entriesAdded: number;
};

export type DayContext = {
  pool: pg.Pool;
  client: HfClient;
  apiUrl: string;
  today: string;
  /** Entries per page; the API's largest unless a test wants paging with a small fixture. */
  pageSize?: number;
};

/** The bytes of a fetched day, as the importer reads a file. */
export function fetchedSource(day: string, bytes: Uint8Array): DigestSource {
  return {
    name: `hf-daily-papers-${day}.json`,
    size: bytes.length,
    open: async function* () {
      yield bytes;
    },
  };
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export async function fetchAndImportDay(context: DayContext, day: string): Promise<DayOutcome> {
  const { pool, client, apiUrl, today } = context;
  const state = await readFetchState(pool, day);
  const options: ImportOptions = {
    today,
    date: day,
    importedBy: FETCH_IMPORTED_BY,
    sourceUrl: dailyPapersUrl(apiUrl, day, 0, context.pageSize),
  };
  const base = { day, url: options.sourceUrl!, counts: null, entriesAdded: 0 };

  let answer;
  try {
    answer = await fetchDay(client, apiUrl, day, state?.validators ?? [], context.pageSize);
  } catch (error) {
    if (!(error instanceof FetchFailure)) throw error;
    // Recorded in the import history too: every attempt shows there, whatever stopped it.
    const run = await recordUnreadableSource(pool, fetchedSource(day, new Uint8Array()), options, error.message);
    await saveFetchState(pool, day, { result: "FAILED", message: error.message, importRunId: run.importRunId });
    return { ...base, result: "FAILED", message: error.message, importRunId: run.importRunId };
  }

  if (answer.kind === "not-modified") {
    const message = "not modified since the last import";
    await saveFetchState(pool, day, { result: "UNCHANGED", message, importRunId: null });
    return { ...base, result: "UNCHANGED", message, importRunId: state?.importRunId ?? null };
  }
  const hash = sha256(answer.bytes);
  if (state?.sha256 === hash) {
    // The server offers no validators (or ignored them), but the answer is the one we imported.
    const message = "same answer as the last import";
    await saveFetchState(pool, day, {
      result: "UNCHANGED",
      message,
      importRunId: null,
      imported: { validators: answer.validators, sha256: hash },
    });
    return { ...base, result: "UNCHANGED", message, importRunId: state.importRunId };
  }

  const summary = await importDigest(pool, fetchedSource(day, answer.bytes), options);
  if (summary.status === "REJECTED") {
    const message = summary.error ?? "rejected";
    await saveFetchState(pool, day, { result: "FAILED", message, importRunId: summary.importRunId });
    return { ...base, result: "FAILED", message, importRunId: summary.importRunId };
  }
  const { counts } = summary;
  const result: DayResult = summary.status === "UNCHANGED" ? "UNCHANGED" : summary.entriesAdded > 0 ? "NEW" : "UPDATED";
  const message = `${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.skipped} skipped`;
  await saveFetchState(pool, day, {
    result: summary.status === "UNCHANGED" ? "UNCHANGED" : "IMPORTED",
    message,
    importRunId: summary.importRunId,
    imported: { validators: answer.validators, sha256: hash },
  });
  return { ...base, result, message, importRunId: summary.importRunId, counts, entriesAdded: summary.entriesAdded };
}
