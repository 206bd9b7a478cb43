// npm run db:migrate: apply pending migrations to DATABASE_URL or the embedded database.
import { openDatabase } from "../lib/db/database-url";
import { migrate } from "../lib/db/migrate";

const database = await openDatabase((message) => console.error(message));
try {
  const applied = await migrate(database.url);
  console.log(
    applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
  );
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await database.release();
}
