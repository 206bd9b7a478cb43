// Hears committed catalogue changes from PostgreSQL, whichever process or machine made them: statement
// triggers on the tables public pages read NOTIFY this channel (migrations 20261126175500_page_cache_notify
// and 20261212120000_page_cache_targeted_notify), and lib/tags/user-tags.ts names the paper and tag it
// changed. A web process clears what each names, and treats a lost connection as "anything may have changed".
import pg from "pg";
import { CATALOGUE_CHANNEL, EVERYTHING, parseCatalogueNotice, type CatalogueNotice } from "./catalogue-notice";

export { CATALOGUE_CHANNEL };
const RETRY_MS = { first: 500, max: 30_000 };
/**
 * A connection that dies without a word (a dropped network path, a failover) sends no error: a
 * periodic query that must answer in time is how a listener notices it is deaf.
 */
const HEARTBEAT_MS = 15_000;
const HEARTBEAT_TIMEOUT_MS = 5_000;

export type CatalogueListener = { close(): Promise<void> };

export type ListenOptions = {
  databaseUrl: string;
  /** A change was committed (or may have been missed: EVERYTHING): drop what was derived from it. */
  onChange(notice: CatalogueNotice): void;
  /** true once LISTEN is in place, false from the moment the connection is lost until it is back. */
  onHealth(listening: boolean): void;
  log?(message: string): void;
};

/** Lets go of a client whose events no longer matter (its late errors are expected, not crashes). */
function discard(client: pg.Client | null): Promise<void> {
  if (!client) return Promise.resolve();
  client.removeAllListeners();
  client.on("error", () => undefined);
  return client.end().catch(() => undefined);
}

export function listenForCatalogueChanges(options: ListenOptions): CatalogueListener {
  const log = options.log ?? (() => undefined);
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = RETRY_MS.first;
  let timer: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;

  const stopHeartbeat = () => {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
  };

  const lost = (reason: string) => {
    stopHeartbeat();
    if (closed) return;
    options.onHealth(false);
    options.onChange(EVERYTHING);
    void discard(client);
    client = null;
    log(`catalogue change channel lost (${reason}); page cache off, retrying in ${Math.round(retryMs / 1000)} s`);
    timer = setTimeout(connect, retryMs);
    retryMs = Math.min(RETRY_MS.max, retryMs * 2);
  };

  async function connect(): Promise<void> {
    timer = null;
    if (closed) return;
    const next = new pg.Client({
      connectionString: options.databaseUrl,
      application_name: "paperpulse-page-cache",
      keepAlive: true,
      query_timeout: HEARTBEAT_TIMEOUT_MS,
    });
    client = next;
    next.on("notification", (message) => {
      if (message.channel === CATALOGUE_CHANNEL) options.onChange(parseCatalogueNotice(message.payload ?? ""));
    });
    next.on("error", (error) => lost(error.message));
    next.on("end", () => lost("connection closed"));
    try {
      await next.connect();
      await next.query(`LISTEN ${CATALOGUE_CHANNEL}`);
    } catch (error) {
      if (client === next) lost((error as Error).message);
      return;
    }
    if (closed || client !== next) return;
    retryMs = RETRY_MS.first;
    heartbeat = setInterval(() => {
      if (client === next)
        next.query("SELECT 1").catch((error: Error) => client === next && lost(`heartbeat: ${error.message}`));
    }, HEARTBEAT_MS);
    heartbeat.unref();
    // Changes made while nobody listened are unknown: start clean.
    options.onChange(EVERYTHING);
    options.onHealth(true);
  }

  void connect();
  return {
    async close() {
      closed = true;
      stopHeartbeat();
      if (timer) clearTimeout(timer);
      const last = client;
      client = null;
      await discard(last);
    },
  };
}
