// Owns how the fetcher is configured from the environment: the API's address, the token, who we say we are.
import type pg from "pg";
import packageJson from "../../package.json" with { type: "json" };
import type { Env } from "../env";
import { siteOrigin } from "../site-origin";
import { createHfClient, type HfClientSettings } from "./client";
import type { DayContext } from "./import-day";

/** "PaperPulse/0.1.0 (+https://papers.example.org)": who is asking, and where to find them. */
export function userAgent(origin: string = siteOrigin()): string {
  return `PaperPulse/${packageJson.version} (+${origin})`;
}

/** Everything a fetch run needs; `overrides` lets tests pass a virtual clock or smaller limits. */
export function fetchContext(
  settings: Pick<Env, "HF_API_URL" | "HF_TOKEN">,
  pool: pg.Pool,
  today: string,
  overrides: Partial<HfClientSettings> & { pageSize?: number } = {},
): DayContext {
  const { pageSize, ...client } = overrides;
  return {
    pool,
    client: createHfClient({ userAgent: userAgent(), token: settings.HF_TOKEN, ...client }),
    apiUrl: settings.HF_API_URL,
    today,
    pageSize,
  };
}
