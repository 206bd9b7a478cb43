// The PostgreSQL server tests use: TEST_DATABASE_URL, or an embedded one under .data/ (one data directory per suite, so suites can run side by side).
import path from "node:path";
import { embeddedUrl, ensureEmbeddedServer } from "../../lib/db/embedded";
export { withDatabase } from "../../lib/db/with-database";

export type TestServer = { adminUrl: string; stop(): Promise<void> };

export async function startTestServer(dataDirName = "test-postgres"): Promise<TestServer> {
  if (process.env.TEST_DATABASE_URL) return { adminUrl: process.env.TEST_DATABASE_URL, stop: async () => undefined };
  const server = await ensureEmbeddedServer({
    dataDir: path.resolve(".data", dataDirName),
    // Test data is disposable: trade durability for speed.
    settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off", max_connections: "100" },
  });
  return { adminUrl: embeddedUrl(server, "postgres"), stop: server.stop };
}
