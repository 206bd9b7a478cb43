// ADMIN_EMAILS promotes an address only once it is proven: a magic-link sign-in (Auth.js sets
// email_verified), never an OAuth sign-in that merely names the address.
import { describe, expect, it } from "vitest";
import { promoteConfiguredAdmin } from "../../lib/auth/roles";
import { setUpTestDatabase } from "../support/database";
import { createUser } from "./helpers/users";

const testDb = setUpTestDatabase();
const ADMINS = ["boss@example.org", "chief@example.org"];

const roleOf = async (email: string) =>
  (await testDb.pool.query<{ role: string }>(`SELECT role FROM app_user WHERE email = $1`, [email])).rows[0]?.role;

describe("admin promotion at sign-in", () => {
  it("a listed address signed in with a magic link (email_verified set) becomes an admin", async () => {
    const boss = await createUser(testDb.pool, "boss@example.org");
    await testDb.pool.query(`UPDATE app_user SET email_verified = now() WHERE id = $1`, [boss.id]);

    await promoteConfiguredAdmin("Boss@Example.org", ADMINS);

    expect(await roleOf("boss@example.org")).toBe("ADMIN");
  });

  it("a listed address whose account came from GitHub and was never verified stays a user, until a magic link proves it", async () => {
    // As Auth.js creates an OAuth account: the provider's address, email_verified NULL, a linked account.
    const chief = await createUser(testDb.pool, "chief@example.org");
    await testDb.pool.query(
      `INSERT INTO auth_account (user_id, type, provider, provider_account_id) VALUES ($1, 'oauth', 'github', '4242')`,
      [chief.id],
    );

    await promoteConfiguredAdmin("chief@example.org", ADMINS);
    expect(await roleOf("chief@example.org")).toBe("USER");

    await testDb.pool.query(`UPDATE app_user SET email_verified = now() WHERE id = $1`, [chief.id]);
    await promoteConfiguredAdmin("chief@example.org", ADMINS);
    expect(await roleOf("chief@example.org")).toBe("ADMIN");
  });

  it("a verified address that is not listed stays a user", async () => {
    const reader = await createUser(testDb.pool, "reader@example.org");
    await testDb.pool.query(`UPDATE app_user SET email_verified = now() WHERE id = $1`, [reader.id]);

    await promoteConfiguredAdmin("reader@example.org", ADMINS);

    expect(await roleOf("reader@example.org")).toBe("USER");
  });
});
