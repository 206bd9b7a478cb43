// Owns hf_fetch_day: per day, the validators and hash of the last imported answer and what the last fetch did.
import type { Queryable } from "../db/queryable";
import type { Validators } from "./client";

export type FetchResult = "IMPORTED" | "UNCHANGED" | "FAILED";

export type FetchState = {
  day: string;
  validators: Validators[];
  sha256: string | null;
  result: FetchResult;
  message: string | null;
  importRunId: number | null;
  fetchedAt: Date;
};

type Row = {
  day: string;
  validators: Validators[];
  sha256: string | null;
  result: FetchResult;
  message: string | null;
  import_run_id: number | null;
  fetched_at: Date;
};

const COLUMNS = `to_char(day, 'YYYY-MM-DD') AS day, validators, sha256, result::text AS result, message, import_run_id, fetched_at`;

const toState = (row: Row): FetchState => ({
  day: row.day,
  validators: row.validators,
  sha256: row.sha256,
  result: row.result,
  message: row.message,
  importRunId: row.import_run_id,
  fetchedAt: row.fetched_at,
});

export async function readFetchState(pool: Queryable, day: string): Promise<FetchState | null> {
  const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM hf_fetch_day WHERE day = $1`, [day]);
  return rows[0] ? toState(rows[0]) : null;
}

/** The most recent days fetched, newest day first (the admin page's table). */
export async function listFetchStates(pool: Queryable, limit = 14): Promise<FetchState[]> {
  const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM hf_fetch_day ORDER BY day DESC LIMIT $1`, [limit]);
  return rows.map(toState);
}

/**
 * Records a fetch. `imported` (validators and hash) is given only when the day's content is now in the
 * catalogue; a failure keeps the last good ones, so the next run revalidates against what we really have.
 */
export async function saveFetchState(
  pool: Queryable,
  day: string,
  outcome: {
    result: FetchResult;
    message: string | null;
    importRunId: number | null;
    imported?: { validators: Validators[]; sha256: string };
  },
): Promise<void> {
  const { result, message, importRunId, imported } = outcome;
  await pool.query(
    `INSERT INTO hf_fetch_day (day, validators, sha256, result, message, import_run_id, fetched_at)
     VALUES ($1, COALESCE($2::jsonb, '[]'), $3, $4::"FetchResult", $5, $6, now())
     ON CONFLICT (day) DO UPDATE SET
       validators = COALESCE($2::jsonb, hf_fetch_day.validators),
       sha256 = COALESCE($3, hf_fetch_day.sha256),
       result = EXCLUDED.result, message = EXCLUDED.message,
       import_run_id = COALESCE(EXCLUDED.import_run_id, hf_fetch_day.import_run_id),
       fetched_at = EXCLUDED.fetched_at`,
    [
      day,
      imported ? JSON.stringify(imported.validators) : null,
      imported?.sha256 ?? null,
      result,
      message,
      importRunId,
    ],
  );
}
