// What is personal on a public page, and the counts that move too often to bake into a cached one:
//   GET /api/me/state?papers=1,2&authors=slug  the reader's account, and per paper their upvote, save and
//                                               tags with fresh counts (private, never stored anywhere);
//   GET /api/papers/counts?ids=1,2              upvotes and saves for everyone (public, 5 s).
// Answered by the web server before the page cache and Next with one small statement on its own pool, so a
// page served from the cache costs one cheap call per view. Signed-out readers make no state call at all
// (the signed-in hint, lib/http/signed-in-hint.ts); the session is checked here, on every call.
import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import type { Queryable } from "../db/queryable";
import { unknownParamErrors } from "../api/query-params";
import { sessionTokens } from "./session-cookie";
import { CLEAR_HINTS, hasSignedInHint } from "./signed-in-hint";

const ME_STATE_PATH = "/api/me/state";
const COUNTS_PATH = "/api/papers/counts";
/** A page lists at most 100 papers (a digest page); twice that leaves room and bounds the query. */
const MAX_IDS = 200;
const MAX_AUTHORS = 20;
/** Counts shared by everyone may be this old; browsers and proxies keep them as long. */
const COUNTS_MEMO_MS = 5_000;

type PaperState = { upvoted: boolean; saved: boolean; myTags: string[]; upvotes: number; saves: number };
type PersonalState = {
  signedIn: boolean;
  user: { email: string; name: string | null; isAdmin: boolean } | null;
  papers: Record<string, PaperState>;
  /** Only when `authors` was asked: whether the reader follows each author (by the author page's slug). */
  authors?: Record<string, boolean>;
};
type PaperCounts = { papers: Record<string, { upvotes: number; saves: number }> };

export type Answer = { status: number; body: unknown; cacheControl: string; clearHint?: boolean };

const PRIVATE = "private, no-store";
const PUBLIC_COUNTS = `public, max-age=${COUNTS_MEMO_MS / 1000}`;

function commaList<T extends z.ZodType<unknown, string>>(name: string, item: T, max: number, what: string) {
  return z
    .string()
    .max(max * 64, `${name}: at most ${max} ${what}`)
    .transform((raw) => (raw.trim() === "" ? [] : raw.split(",").map((part) => part.trim())))
    .pipe(z.array(item).max(max, `${name}: at most ${max} ${what}, comma-separated`));
}

const paperIds = (name: string) =>
  commaList(
    name,
    z
      .string()
      .regex(/^\d{1,10}$/, `${name}: paper ids are positive integers, comma-separated (e.g. ${name}=12,40)`)
      .transform(Number)
      .refine((id) => id > 0 && id <= 2_147_483_647, `${name}: not a paper id`),
    MAX_IDS,
    "paper ids",
  );
const authorSlugs = commaList(
  "authors",
  z.string().min(1, "authors: an empty author slug").max(200, "authors: an author slug is at most 200 characters"),
  MAX_AUTHORS,
  "authors",
);

const stateQuery = z.object({ papers: paperIds("papers").default([]), authors: authorSlugs.optional() });
const countsQuery = z.object({ ids: paperIds("ids") });

type Parsed<T> = { ok: true; value: T } | { ok: false; answer: Answer };

function parseQuery<T>(schema: z.ZodType<T, unknown>, params: URLSearchParams, allowed: readonly string[]): Parsed<T> {
  const unknown = unknownParamErrors(params, allowed);
  const first = Object.fromEntries(allowed.flatMap((name) => (params.has(name) ? [[name, params.get(name)]] : [])));
  const parsed = schema.safeParse(first);
  const errors = { ...unknown };
  if (!parsed.success)
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "query")] = issue.message;
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, value: parsed.data };
  const error = Object.values(errors)[0] ?? "bad query";
  return { ok: false, answer: { status: 400, body: { error, fieldErrors: errors }, cacheControl: "no-store" } };
}

/**
 * The whole signed-in answer in one statement, one round trip: the session (unexpired) and its account, the
 * papers' counts, and the reader's own upvotes, saves, tags and followed authors among those asked, each
 * read as a set (one index range per table) rather than probed paper by paper: 0.24 ms of database time
 * for a 94-paper page against 0.70 ms for per-paper subqueries, measured. No row when the token is no live
 * session. Prepared once per connection (a named statement): parsed and planned once, not per call.
 */
const STATE_STATEMENT = {
  name: "paperpulse-me-state",
  text: `WITH me AS (
           SELECT u.id, u.email, u.name, u.role = 'ADMIN' AS admin
           FROM auth_session s JOIN app_user u ON u.id = s.user_id
           WHERE s.session_token = ANY($1::text[]) AND s.expires > now()
           LIMIT 1)
         SELECT me.email, me.name, me.admin, counts.ids, counts.upvotes, counts.saves,
           ARRAY(SELECT v.paper_id FROM upvote v WHERE v.user_id = me.id AND v.paper_id = ANY($2::int[])) AS upvoted,
           ARRAY(SELECT s.paper_id FROM save s WHERE s.user_id = me.id AND s.paper_id = ANY($2::int[])) AS saved,
           mine.tag_papers, mine.tag_slugs,
           (SELECT array_agg(a.slug) FROM unnest($3::text[]) AS a(slug)
            WHERE EXISTS (SELECT 1 FROM author_follow f WHERE f.user_id = me.id AND f.author_key = author_key(a.slug))
           ) AS followed
         FROM me
         CROSS JOIN LATERAL (
           SELECT array_agg(p.id ORDER BY p.id) AS ids, array_agg(p.upvote_count ORDER BY p.id) AS upvotes,
                  array_agg(p.save_count ORDER BY p.id) AS saves
           FROM paper p WHERE p.id = ANY($2::int[])) counts
         CROSS JOIN LATERAL (
           SELECT array_agg(u.paper_id ORDER BY u.paper_id, t.slug) AS tag_papers,
                  array_agg(t.slug ORDER BY u.paper_id, t.slug) AS tag_slugs
           FROM paper_user_tag u JOIN tag t ON t.id = u.tag_id
           WHERE u.user_id = me.id AND u.paper_id = ANY($2::int[])) mine`,
};

type StateRow = {
  email: string;
  name: string | null;
  admin: boolean;
  /** Arrays of the papers that exist, in id order (null: none of them). */
  ids: number[] | null;
  upvotes: number[] | null;
  saves: number[] | null;
  upvoted: number[];
  saved: number[];
  /** The reader's tags on these papers as pairs, by paper then slug (null: none). */
  tag_papers: number[] | null;
  tag_slugs: string[] | null;
  /** The asked authors the reader follows (null: none, or none asked). */
  followed: string[] | null;
};

/** A statement pg can prepare by name: a `pg.Pool`, `pg.Client` or `pg.PoolClient`. */
type StatementRunner = {
  query<R extends pg.QueryResultRow>(config: pg.QueryConfig<unknown[]>): Promise<pg.QueryResult<R>>;
};

/** The signed-in reader's state; `signedIn: false` for no session, an unknown or an expired one. */
export async function personalState(
  db: StatementRunner,
  cookieHeader: string | undefined,
  params: URLSearchParams,
): Promise<Answer> {
  const query = parseQuery(stateQuery, params, ["papers", "authors"]);
  if (!query.ok) return query.answer;
  const tokens = sessionTokens(cookieHeader).filter((token) => token.length <= 512);
  const { papers: ids, authors } = query.value;
  const { rows } = tokens.length
    ? await db.query<StateRow>({ ...STATE_STATEMENT, values: [tokens, ids, authors ?? []] })
    : { rows: [] as StateRow[] };
  const row = rows[0];
  if (!row) {
    const body: PersonalState = { signedIn: false, user: null, papers: {} };
    return { status: 200, body, cacheControl: PRIVATE, clearHint: hasSignedInHint(cookieHeader) };
  }
  const body: PersonalState = {
    signedIn: true,
    user: { email: row.email, name: row.name, isAdmin: row.admin },
    papers: papersOf(row),
    ...(authors?.length ? { authors: followsOf(authors, row.followed ?? []) } : {}),
  };
  return { status: 200, body, cacheControl: PRIVATE };
}

function papersOf(row: StateRow): Record<string, PaperState> {
  const upvoted = new Set(row.upvoted);
  const saved = new Set(row.saved);
  const tags = new Map<number, string[]>();
  (row.tag_papers ?? []).forEach((paperId, i) => {
    const list = tags.get(paperId) ?? [];
    if (list.length === 0) tags.set(paperId, list);
    list.push(row.tag_slugs![i]!);
  });
  const papers: Record<string, PaperState> = {};
  (row.ids ?? []).forEach((id, i) => {
    papers[String(id)] = {
      upvotes: row.upvotes![i]!,
      saves: row.saves![i]!,
      upvoted: upvoted.has(id),
      saved: saved.has(id),
      myTags: tags.get(id) ?? [],
    };
  });
  return papers;
}

function followsOf(asked: string[], followed: string[]): Record<string, boolean> {
  const yes = new Set(followed);
  return Object.fromEntries(asked.map((slug) => [slug, yes.has(slug)]));
}

export type CountsReader = (params: URLSearchParams) => Promise<Answer>;

/** Upvotes and saves per paper, each remembered COUNTS_MEMO_MS: a popular page asks the database once. */
export function createCountsReader(db: Queryable): CountsReader {
  const memo = new LRUCache<number, { upvotes: number; saves: number } | false>({ max: 50_000, ttl: COUNTS_MEMO_MS });
  return async (params) => {
    const query = parseQuery(countsQuery, params, ["ids"]);
    if (!query.ok) return query.answer;
    const ids = [...new Set(query.value.ids)];
    const missing = ids.filter((id) => memo.get(id) === undefined);
    if (missing.length) {
      const { rows } = await db.query<{ id: number; upvotes: number; saves: number }>(
        "SELECT id, upvote_count AS upvotes, save_count AS saves FROM paper WHERE id = ANY($1::int[])",
        [missing],
      );
      for (const id of missing) memo.set(id, false);
      for (const { id, upvotes, saves } of rows) memo.set(id, { upvotes, saves });
    }
    const papers: PaperCounts["papers"] = {};
    for (const id of ids) {
      const counts = memo.get(id);
      if (counts) papers[String(id)] = counts;
    }
    return { status: 200, body: { papers } satisfies PaperCounts, cacheControl: PUBLIC_COUNTS };
  };
}

export type PersonalEndpoints = {
  /** Answers the two paths and returns true; false for anything else. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
};

export function createPersonalEndpoints(
  db: StatementRunner & Queryable,
  log: (message: string) => void,
): PersonalEndpoints {
  const counts = createCountsReader(db);
  return {
    handle(req, res) {
      const url = req.url ?? "/";
      const queryAt = url.indexOf("?");
      const path = queryAt === -1 ? url : url.slice(0, queryAt);
      if (path !== ME_STATE_PATH && path !== COUNTS_PATH) return false;
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.setHeader("allow", "GET, HEAD");
        send(req, res, { status: 405, body: { error: "Use GET." }, cacheControl: "no-store" });
        return true;
      }
      const params = new URLSearchParams(queryAt === -1 ? "" : url.slice(queryAt + 1));
      const answer = path === ME_STATE_PATH ? personalState(db, req.headers.cookie, params) : counts(params);
      answer.then(
        (result) => send(req, res, result),
        (error: Error) => {
          log(`${path} failed: ${error.message}`);
          send(req, res, { status: 503, body: { error: "Try again in a moment." }, cacheControl: "no-store" });
        },
      );
      return true;
    },
  };
}

function send(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
  if (res.headersSent) return;
  const json = JSON.stringify(answer.body);
  if (answer.clearHint) for (const cookie of CLEAR_HINTS) res.appendHeader("set-cookie", cookie);
  res.writeHead(answer.status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
    "cache-control": answer.cacheControl,
  });
  res.end(req.method === "HEAD" ? undefined : json);
}

/** The same answer for a Next route handler (`npm run dev` runs Next without this web server). */
export function answerResponse(answer: Answer): Response {
  const headers = new Headers({ "cache-control": answer.cacheControl });
  if (answer.clearHint) for (const cookie of CLEAR_HINTS) headers.append("set-cookie", cookie);
  return Response.json(answer.body, { status: answer.status, headers });
}
