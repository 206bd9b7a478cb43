// When `npm start`, the browser tests and bench:http rebuild the app: any input of the build newer than the last build.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildIsStale } from "../../../lib/cli/build-if-needed";

let root = "";
const HOUR_AGO = new Date(Date.now() - 3_600_000);
const BUILT = new Date(Date.now() - 1_800_000);

/** Writes a file (and its folders) with the given time, so only the files a test touches are new. */
function file(relative: string, when = HOUR_AGO) {
  const target = path.join(root, relative);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, "x");
  utimesSync(target, when, when);
  for (let dir = path.dirname(target); dir.startsWith(root) && dir !== root; dir = path.dirname(dir)) utimesSync(dir, when, when);
}

const inputs = [
  "app/page.tsx",
  "components/card.tsx",
  "lib/env.ts",
  "emails/digest.tsx",
  "public/robots.txt",
  "prisma/schema.prisma",
  "lib/db/generated/client.ts",
  "package.json",
  "package-lock.json",
  "next.config.ts",
];

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "pp-build-"));
  for (const input of inputs) file(input);
  file(".next/BUILD_ID", BUILT);
  file("node_modules/some-package/index.js");
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("deciding whether the build is current", () => {
  it("no build yet: build", () => {
    rmSync(path.join(root, ".next"), { recursive: true });
    expect(buildIsStale(root)).toBe(true);
  });

  it("nothing changed since the build: keep it", () => {
    expect(buildIsStale(root)).toBe(false);
  });

  it.each(inputs)("%s changed after the build: build again", (input) => {
    file(input, new Date());
    expect(buildIsStale(root)).toBe(true);
  });

  it("a file added to public/ after the build: build again", () => {
    file("public/new-icon.svg", new Date());
    expect(buildIsStale(root)).toBe(true);
  });

  it("installed packages and the build itself do not count", () => {
    file("node_modules/some-package/index.js", new Date());
    file(".next/server/page.js", new Date());
    expect(buildIsStale(root)).toBe(false);
  });
});
