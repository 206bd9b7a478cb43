// Readers cycling through many public pages while a signed-in reader votes: how well the page cache
// survives community activity. The pages come from the catalogue (papers, home and its sorts, tags,
// digests, searches); the votes go through the route the paper page's buttons call.
import http from "node:http";
import pg from "pg";
import { percentile } from "./stats";

/** What a browser sends: pages travel compressed, as they do to readers. */
const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br" };
const SEARCHES = [
  "video",
  "benchmark",
  "language model",
  "diffusion",
  "reasoning",
  "agent",
  "vision",
  "robot",
  "graph",
  "reinforcement learning",
];
const HOME_VARIANTS = [
  "/",
  "/?sort=trending",
  "/?sort=new",
  "/?sort=top",
  "/?sort=top&window=month",
  "/?sort=top&window=all",
];

export type MixPage = { kind: "paper" | "home" | "tag" | "digest" | "search"; path: string };

async function rows<T extends pg.QueryResultRow>(client: pg.Client, sql: string): Promise<T[]> {
  return (await client.query<T>(sql)).rows;
}

/**
 * At least `minimum` distinct public pages (fewer only when the catalogue has too few papers): the home
 * page and its sorts, the tag index and tag pages, recent digests, searches, and as many papers of the
 * latest digest as it takes to reach `minimum` (at least 50 when the catalogue has them).
 */
export async function mixPages(databaseUrl: string, minimum = 100): Promise<MixPage[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [latest] = await rows<{ id: number; papers: number }>(
      client,
      "SELECT id, paper_count AS papers FROM digest ORDER BY date DESC LIMIT 1",
    );
    const home = HOME_VARIANTS.map((path): MixPage => ({ kind: "home", path }));
    if (latest && latest.papers > 100) home.push({ kind: "home", path: "/?page=2" });
    const tags = await rows<{ slug: string }>(
      client,
      "SELECT slug FROM tag WHERE paper_count > 0 ORDER BY paper_count DESC, slug LIMIT 15",
    );
    const digests = await rows<{ date: string }>(
      client,
      "SELECT to_char(date, 'YYYY-MM-DD') AS date FROM digest ORDER BY date DESC LIMIT 8",
    );
    const others: MixPage[] = [
      ...home,
      { kind: "tag", path: "/tags" },
      ...tags.map(({ slug }): MixPage => ({ kind: "tag", path: `/tags/${encodeURIComponent(slug)}` })),
      ...digests.flatMap(({ date }): MixPage[] => [
        { kind: "digest", path: `/digests/${date}` },
        { kind: "digest", path: `/digests/${date}?sort=new` },
      ]),
      ...SEARCHES.map((q): MixPage => ({ kind: "search", path: `/search?q=${encodeURIComponent(q)}` })),
    ];
    const paperCount = Math.max(50, minimum - others.length);
    // The latest digest's papers first (what readers open from the home page), then the newest others.
    const papers = await client.query<{ slug: string }>(
      `SELECT p.slug FROM paper p
       LEFT JOIN digest_entry e ON e.paper_id = p.id AND e.digest_id = $1
       ORDER BY e.position NULLS LAST, p.first_seen DESC, p.id DESC
       LIMIT $2`,
      [latest?.id ?? 0, paperCount],
    );
    return [
      ...papers.rows.map(({ slug }): MixPage => ({ kind: "paper", path: `/papers/${encodeURIComponent(slug)}` })),
      ...others,
    ];
  } finally {
    await client.end();
  }
}

export type MixFigures = {
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Share of answers the page cache replayed (x-page-cache: HIT). */
  hitRate: number;
  /** Answers by x-page-cache value (HIT, MISS, BYPASS, OFF, BUSY, none). */
  cache: Record<string, number>;
  non2xx: number;
  errors: number;
};

type ReadOptions = { base: string; pages: MixPage[]; connections: number; seconds: number };

/** One GET on a kept-alive connection: its status, x-page-cache and time, the body drained. */
function get(agent: http.Agent, url: string): Promise<{ status: number; cache: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: BROWSER_HEADERS, timeout: 10_000 }, (response) => {
      response.resume();
      response.on("end", () => {
        const cache = response.headers["x-page-cache"];
        resolve({
          status: response.statusCode ?? 0,
          cache: typeof cache === "string" ? cache : "none",
          ms: performance.now() - started,
        });
      });
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error("no answer within 10 s")));
    request.on("error", reject);
  });
}

/**
 * `connections` readers, each reading the pages in turn (starting at different places) for `seconds`,
 * each request as soon as the last one ended: a closed loop, like autocannon's.
 */
export async function readMix(options: ReadOptions): Promise<MixFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const cache: Record<string, number> = {};
  let non2xx = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const reader = async (index: number) => {
    let next = Math.floor((index * options.pages.length) / options.connections);
    while (performance.now() < deadline) {
      const page = options.pages[next++ % options.pages.length]!;
      try {
        const answer = await get(agent, `${options.base}${page.path}`);
        latencies.push(answer.ms);
        cache[answer.cache] = (cache[answer.cache] ?? 0) + 1;
        if (answer.status < 200 || answer.status > 299) non2xx++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, index) => reader(index)));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const requests = latencies.length;
  return {
    requests,
    reqPerSec: requests / elapsed,
    p50: requests ? percentile(latencies, 50) : 0,
    p99: requests ? percentile(latencies, 99) : 0,
    hitRate: requests ? (cache.HIT ?? 0) / requests : 0,
    cache,
    non2xx,
    errors,
  };
}

/** Every page once, `concurrency` at a time, so a phase starts with whatever the cache keeps of all of them. */
export async function visitEach(base: string, pages: MixPage[], concurrency = 2): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const visitor = async () => {
    while (next < pages.length) {
      const page = pages[next++]!;
      await get(agent, `${base}${page.path}`).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, visitor));
  agent.destroy();
}

export type VoteFigures = { sent: number; ok: number; failed: number; lastError: string | null; p50: number };

export type Voter = { stop(): Promise<VoteFigures> };

/**
 * Upvotes at `perSecond` from a signed-in reader through POST /api/papers/:slug/reactions (what the paper
 * page's Upvote button sends), each paper upvoted then un-upvoted, so the catalogue's counts end as they
 * began once stopped.
 */
export function startVoting(options: { base: string; cookie: string; slugs: string[]; perSecond: number }): Voter {
  const figures: VoteFigures = { sent: 0, ok: 0, failed: 0, lastError: null, p50: 0 };
  const latencies: number[] = [];
  const pending = new Set<Promise<void>>();
  const voted = new Set<string>();
  let n = 0;
  const vote = (slug: string, active: boolean) => {
    figures.sent++;
    const started = performance.now();
    const sent = fetch(`${options.base}/api/papers/${encodeURIComponent(slug)}/reactions`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: options.cookie },
      body: JSON.stringify({ kind: "upvote", active }),
      signal: AbortSignal.timeout(10_000),
    })
      .then(async (response) => {
        const body = await response.text();
        latencies.push(performance.now() - started);
        if (response.ok) figures.ok++;
        else {
          figures.failed++;
          figures.lastError = `${response.status} ${body.slice(0, 200)}`;
        }
      })
      .catch((error: Error) => {
        figures.failed++;
        figures.lastError = error.message;
      })
      .finally(() => pending.delete(sent));
    pending.add(sent);
  };
  const step = () => {
    const slug = options.slugs[Math.floor(n / 2) % options.slugs.length]!;
    voted.add(slug);
    vote(slug, n % 2 === 0);
    n++;
  };
  const timer = setInterval(step, 1000 / options.perSecond);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
      figures.p50 = latencies.length ? percentile(latencies, 50) : 0;
      const counted = { ...figures };
      // An upvote and its undo may have crossed under load: every paper voted on ends un-upvoted, so its
      // count is what it was (a reaction is set, not toggled, and counts move only when a row does).
      for (const slug of voted) {
        vote(slug, false);
        await Promise.all(pending);
      }
      return counted;
    },
  };
}
