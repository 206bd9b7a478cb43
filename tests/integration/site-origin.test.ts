// The origin the CLIs and the worker put in links (lib/site-origin.ts): SITE_URL, else what the local web
// server recorded under the data dir when it started, else http://localhost:<PORT>; never a guessed :3000
// when the app runs elsewhere (issue 11). Each case runs in a fresh process, as `npm run digest` would.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "./helpers/run-cli";

const run = promisify(execFile);
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A data dir, with `recorded` written to its site-url file when given. */
function dataDir(recorded?: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pp-site-origin-"));
  dirs.push(dir);
  if (recorded !== undefined) writeFileSync(path.join(dir, "site-url"), recorded);
  return dir;
}

/** siteOrigin() in a new process with exactly these variables (SITE_URL and PORT unset unless given). */
async function siteOriginWith(env: Record<string, string>): Promise<string> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["SITE_URL", "PORT", "AUTH_URL", "PAPERPULSE_DATA_DIR"]) delete base[name];
  const { stdout } = await run(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      "./scripts/support/allow-server-only.mjs",
      "--input-type=module",
      "-e",
      'const { siteOrigin } = await import("./lib/site-origin.ts"); console.log(await siteOrigin());',
    ],
    { cwd: projectRoot, env: { ...base, ...env } },
  );
  return stdout.trim();
}

describe("the site's origin outside a request", () => {
  it("SITE_URL wins, without its trailing slash, over a recorded origin and PORT", async () => {
    expect(
      await siteOriginWith({
        SITE_URL: "https://papers.example.org/",
        PORT: "3100",
        PAPERPULSE_DATA_DIR: dataDir("http://localhost:3100\n"),
      }),
    ).toBe("https://papers.example.org");
  });

  it("without SITE_URL, the origin the web server recorded under the data dir (it ran on 3100)", async () => {
    expect(await siteOriginWith({ PAPERPULSE_DATA_DIR: dataDir("http://localhost:3100\n") })).toBe(
      "http://localhost:3100",
    );
  });

  it("without SITE_URL or a recorded origin, http://localhost:<PORT>", async () => {
    expect(await siteOriginWith({ PORT: "3100", PAPERPULSE_DATA_DIR: dataDir() })).toBe("http://localhost:3100");
    expect(await siteOriginWith({ PAPERPULSE_DATA_DIR: dataDir() })).toBe("http://localhost:3000");
  });
});
