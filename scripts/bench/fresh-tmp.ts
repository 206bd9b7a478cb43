import { openDatabase } from "../../lib/db/database-url";
import { freshDatabase } from "../../lib/bench/bench-databases";
const db = await openDatabase();
console.log(await freshDatabase(db.url, process.argv[2]!));
if (process.argv[3] !== "--hold") await db.release(); else await new Promise(() => {});
