// When `npm start`, the browser tests and bench:http rebuild the app: any input of the build newer than the last build.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildIfNeeded, buildIsStale } from "../../../lib/cli/build-if-needed";

let root = "";
const HOUR_AGO = new Date(Date.now() - 3_600_000);
const BUILT = new Date(Date.now() - 1_800_000);

/** Writes a file (and its folders) with the given time, so only the files a test touches are new. */
function file(relative: string, when = HOUR_AGO) {
  const target = path.join(root, relative);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, "x");
  utimesSync(target, when, when);
  for (let dir = path.dirname(target); dir.startsWith(root) && dir !== root; dir = path.dirname(dir))
    utimesSync(dir, when, when);
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

/** A stand-in for node_modules/.bin/next: prints what Next prints, notes its environment, exits with `code`. */
function fakeNext(code: number) {
  const script = path.join(root, "node_modules", ".bin", "next");
  mkdirSync(path.dirname(script), { recursive: true });
  writeFileSync(
    script,
    [
      "#!/bin/sh",
      `echo "telemetry=$NEXT_TELEMETRY_DISABLED" > "${path.join(root, "env.txt")}"`,
      'echo "Attention: Next.js now collects completely anonymous telemetry"',
      'for i in $(seq 1 35); do echo "├ ○ /route-$i"; done',
      code === 0 ? "exit 0" : 'echo "Type error: x is not assignable" >&2; exit 1',
    ].join("\n"),
  );
  chmodSync(script, 0o755);
  rmSync(path.join(root, ".next"), { recursive: true });
}

describe("building quietly", () => {
  it("a good build is two lines: no telemetry notice, no route table, telemetry off for the child", () => {
    fakeNext(0);
    const lines: string[] = [];
    buildIfNeeded(root, (line) => lines.push(line));
    expect(lines).toEqual([
      "Building the app (first start or sources changed)…",
      expect.stringMatching(/^Built in \d+ s\.$/),
    ]);
    expect(readFileSync(path.join(root, "env.txt"), "utf8").trim()).toBe("telemetry=1");
  });

  it("a failed build throws with Next's whole output, errors included", () => {
    fakeNext(1);
    expect(() => buildIfNeeded(root, () => undefined)).toThrow(
      /^the build failed:\nAttention: .*\n[^]*route-35\nType error: x is not assignable$/,
    );
  });
});
