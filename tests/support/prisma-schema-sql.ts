// What Prisma itself would create for prisma/schema.prisma, computed offline: Prisma 6's CLI
// carries a WebAssembly schema engine (Prisma 7's migrate needs a native engine we cannot
// download here). Used by the drift test only; the app never runs it.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

/** Prisma 6 wants `url = env(...)` in the datasource block; Prisma 7 keeps it in prisma.config.ts. */
function forPrisma6(schema: string): string {
  return schema.replace(/(datasource\s+\w+\s*\{[^}]*provider\s*=\s*"postgresql")/, '$1\n  url = env("DATABASE_URL")');
}

export async function prismaSqlForSchema(databaseUrl: string): Promise<string> {
  const work = await mkdtemp(path.join(tmpdir(), "prisma-sql-"));
  try {
    const schema = await readFile(path.join(root, "prisma", "schema.prisma"), "utf8");
    await writeFile(path.join(work, "schema.prisma"), forPrisma6(schema));
    const adapter = path.join(root, "node_modules", "prisma-adapter-pg-6", "dist", "index.mjs");
    await writeFile(
      path.join(work, "prisma.config.mjs"),
      `import { PrismaPg } from ${JSON.stringify(adapter)};
export default {
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
  schema: "schema.prisma",
};\n`,
    );
    const cli = path.join(root, "node_modules", "prisma-6", "build", "index.js");
    const { stdout } = await run(
      process.execPath,
      [
        cli,
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema-datamodel",
        "schema.prisma",
        "--script",
        "--config",
        "prisma.config.mjs",
      ],
      {
        cwd: work,
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
        },
      },
    );
    return stdout.replace(/^Loaded Prisma config.*$/m, "");
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
