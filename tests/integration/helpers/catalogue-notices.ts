// What the page cache's change channel carried, and waiting for a condition: shared by the cache tests.
import pg from "pg";
import { CATALOGUE_CHANNEL } from "../../../lib/http/catalogue-notice";

/** Runs `change`, then returns the catalogue notices it sent (notifications arrive in commit order). */
export async function noticesOf(
  database: { url: string; pool: pg.Pool },
  change: () => Promise<unknown>,
): Promise<string[]> {
  const listener = new pg.Client({ connectionString: database.url });
  const heard: string[] = [];
  listener.on("notification", (message) => heard.push(`${message.channel}|${message.payload}`));
  await listener.connect();
  try {
    await listener.query(`LISTEN ${CATALOGUE_CHANNEL}`);
    await listener.query("LISTEN test_marker");
    await change();
    // A marker sent after the change arrives after everything the change sent.
    await database.pool.query("NOTIFY test_marker");
    await until(async () => heard.includes("test_marker|"), "the marker notification");
  } finally {
    await listener.end();
  }
  return heard.filter((entry) => entry !== "test_marker|").map((entry) => entry.slice(CATALOGUE_CHANNEL.length + 1));
}

/** Polls `check` until it holds; fails naming `what` after 10 s. */
export async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
