// Which PostgreSQL to use: DATABASE_URL when set, otherwise the embedded server under .data/.
import path from "node:path";
import { env } from "../env";
import { embeddedUrl, ensureDatabase, ensureEmbeddedServer } from "./embedded";

const EMBEDDED_DATABASE = "paperpulse";

/** Server settings for the embedded server: room for index builds on both cores. */
const EMBEDDED_SETTINGS: Record<string, string> = {
  maintenance_work_mem: "256MB",
  max_parallel_maintenance_workers: "2",
  max_parallel_workers_per_gather: "2",
  work_mem: "16MB",
  max_connections: "100",
  // Fewer checkpoints (and full-page images) during a large import.
  max_wal_size: "4GB",
  checkpoint_timeout: "15min",
  // No replicas of a local development database: with minimal WAL, a bulk import into an empty
  // catalogue writes its rows and indexes once (flushed at commit) instead of twice.
  wal_level: "minimal",
  max_wal_senders: "0",
};

export type DatabaseHandle = {
  url: string;
  /** "external" (DATABASE_URL) or "embedded". */
  kind: "external" | "embedded";
  /** Stops the embedded server if this process started it; a no-op otherwise. */
  release(): Promise<void>;
};

export async function openDatabase(log: (message: string) => void = () => undefined): Promise<DatabaseHandle> {
  const { DATABASE_URL, dataDir } = env();
  if (DATABASE_URL) return { url: DATABASE_URL, kind: "external", release: async () => undefined };
  const server = await ensureEmbeddedServer({
    dataDir: path.join(dataDir, "postgres"),
    settings: EMBEDDED_SETTINGS,
    log,
  });
  await ensureDatabase(server, EMBEDDED_DATABASE);
  return { url: embeddedUrl(server, EMBEDDED_DATABASE), kind: "embedded", release: () => server.stop() };
}
