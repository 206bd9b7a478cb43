// npm run admin -- grant EMAIL | revoke EMAIL | list: who may use the admin pages.
import { openDatabase } from "../lib/db/database-url";
import { migrate } from "../lib/db/migrate";
import { db, setDatabaseUrl } from "../lib/db/prisma";
import { grantAdmin, listAdmins, revokeAdmin } from "../lib/auth/roles";

const USAGE = `Usage: npm run admin -- <command>

  grant EMAIL    make EMAIL an admin (creates the account if the person never signed in)
  revoke EMAIL   make EMAIL a regular user again
  list           print the admins

The database is DATABASE_URL, or the embedded one under .data/ (started if needed).`;

async function main(argv: string[]): Promise<number> {
  const [command, email, ...rest] = argv;
  if (!command || command === "--help" || command === "-h") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (
    rest.length > 0 ||
    ((command === "grant" || command === "revoke") && !email) ||
    !["grant", "revoke", "list"].includes(command)
  ) {
    console.error(
      `${command === "grant" || command === "revoke" ? `${command} needs exactly one EMAIL.` : `Unknown command "${command}".`}\n\n${USAGE}`,
    );
    return 2;
  }
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) {
    console.error(`"${email}" is not an email address.`);
    return 2;
  }
  const database = await openDatabase();
  try {
    await migrate(database.url);
    setDatabaseUrl(database.url);
    if (command === "list") {
      const admins = await listAdmins();
      console.log(admins.length ? admins.join("\n") : "No admins yet: npm run admin -- grant EMAIL");
      return 0;
    }
    const result = command === "grant" ? await grantAdmin(email!) : await revokeAdmin(email!);
    if (!result.ok) {
      console.error(result.error);
      return 1;
    }
    console.log(
      command === "grant"
        ? `${result.email} is an admin${result.created ? " (account created; they sign in with a magic link)" : ""}.`
        : `${result.email} is no longer an admin.`,
    );
    return 0;
  } finally {
    await db().$disconnect();
    await database.release();
  }
}

process.exitCode = await main(process.argv.slice(2));
