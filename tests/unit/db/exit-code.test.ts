// A process that loaded the embedded PostgreSQL package still ends with the exit code it set.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../integration/helpers/run-cli";

describe("exit codes with the embedded server's package loaded", () => {
  it("a command that sets exit code 1 and ends normally exits with 1, not 0", () => {
    const script = `import { loadEmbeddedPostgres } from "./lib/db/embedded.ts"; await loadEmbeddedPostgres(); process.exitCode = 1;`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: projectRoot,
      encoding: "utf8",
    });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(1);
  }, 30_000);
});
