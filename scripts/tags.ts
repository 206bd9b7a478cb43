// npm run tags -- retag | list | --help: re-tag the catalogue with the topic taxonomy, or list topics with counts.
import pg from "pg";
import { openDatabase } from "../lib/db/database-url";
import { migrate } from "../lib/db/migrate";
import { retagCatalogue, topicCounts } from "../lib/tags/retag";

const USAGE = `Usage: npm run tags -- COMMAND

Commands:
  retag   Apply the topic taxonomy (lib/tags/topics.ts) to every paper, in one transaction:
          new matches are tagged, automatic tags the text no longer supports are removed
          (tags people applied stay). Run it after editing the taxonomy.
  list    Print each topic with its number of papers.

Options:
  -h, --help   Show this help.

Uses DATABASE_URL, or the embedded database (started and stopped if npm start is not running).
Exit codes: 0 done, 1 failed, 2 usage error.`;

const args = process.argv.slice(2);
if (args.includes("-h") || args.includes("--help")) {
  console.log(USAGE);
  process.exit(0);
}
const [command, ...extra] = args;
if (command !== "retag" && command !== "list") {
  console.error(`tags: ${command ? `unknown command "${command}"` : "no command given"}; use retag or list\n`);
  console.error(USAGE);
  process.exit(2);
}
if (extra.length > 0) {
  console.error(`tags: unexpected argument "${extra[0]}"\n`);
  console.error(USAGE);
  process.exit(2);
}

const database = await openDatabase((message) => console.error(message));
const pool = new pg.Pool({ connectionString: database.url, max: 2 });
try {
  await migrate(database.url);
  if (command === "retag") {
    const started = performance.now();
    const summary = await retagCatalogue(pool);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `✓ retagged ${summary.papers.toLocaleString("en")} papers with ${summary.topics} topics in ${seconds} s: ` +
        `${summary.tagged.toLocaleString("en")} have a topic (${(summary.coverage * 100).toFixed(1)}%), ` +
        `${summary.added.toLocaleString("en")} automatic tags added, ${summary.removed.toLocaleString("en")} removed`,
    );
    if (summary.retired.length > 0)
      console.log(`  no longer topics (kept as people's tags): ${summary.retired.join(", ")}`);
  } else {
    const topics = await topicCounts(pool);
    const width = Math.max(...topics.map((topic) => topic.slug.length));
    for (const topic of topics)
      console.log(`${topic.slug.padEnd(width)}  ${String(topic.paperCount).padStart(7)}  ${topic.name}`);
  }
  process.exitCode = 0;
} catch (error) {
  console.error(`tags: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await pool.end();
  await database.release();
}
