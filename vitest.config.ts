import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside a React Server Component bundle.
      "server-only": fileURLToPath(new URL("./tests/support/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    // Links are built from the configured origin (lib/site-origin.ts); without this a developer's
    // .data/site-url from an `npm start` on another port would leak into the expected links.
    env: { SITE_URL: "http://localhost" },
    testTimeout: 30_000,
    // next-auth imports "next/server" without an extension, which Node's own ESM resolver refuses (next has no
    // exports map); processed by Vite instead, it resolves as it does in Next's bundler.
    server: { deps: { inline: ["next-auth"] } },
    hookTimeout: 60_000,
  },
});
