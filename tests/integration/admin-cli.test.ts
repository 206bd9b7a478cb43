// `npm run admin`: grant, revoke and list admins from the command line, with clear usage errors.
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../support/database";
import { type CliResult, collect, spawnScript, UNREACHABLE_DATABASE_URL } from "./helpers/run-cli";

const testDb = setUpTestDatabase();

function runAdmin(args: string[], databaseUrl = testDb.url): Promise<CliResult> {
  return collect(spawnScript("scripts/admin.ts", args, { DATABASE_URL: databaseUrl }));
}

async function roleOf(email: string): Promise<string | undefined> {
  const { rows } = await testDb.pool.query(`SELECT role FROM app_user WHERE email = $1`, [email]);
  return rows[0]?.role;
}

describe("npm run admin", () => {
  it("grant makes someone an admin (creating the account), list shows them, revoke takes it back", async () => {
    const granted = await runAdmin(["grant", "Grace@Example.org"]);
    expect(granted.code).toBe(0);
    expect(granted.stdout).toContain("grace@example.org is an admin (account created");
    expect(await roleOf("grace@example.org")).toBe("ADMIN");

    const listed = await runAdmin(["list"]);
    expect(listed.stdout.trim().split("\n")).toContain("grace@example.org");

    const revoked = await runAdmin(["revoke", "grace@example.org"]);
    expect(revoked.code).toBe(0);
    expect(await roleOf("grace@example.org")).toBe("USER");
  }, 60_000);

  it("revoking an address without an account fails with exit code 1 and says so", async () => {
    const result = await runAdmin(["revoke", "nobody@example.org"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("No account for nobody@example.org.");
  }, 60_000);

  it.each([
    [["grant"], "grant needs exactly one EMAIL."],
    [["grant", "not-an-email"], '"not-an-email" is not an email address.'],
    [["promote", "a@b.org"], 'Unknown command "promote".'],
  ])(
    "%j is a usage error (exit code 2) that touches no database",
    async (args, message) => {
      const result = await runAdmin(args, UNREACHABLE_DATABASE_URL);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    },
    60_000,
  );
});
