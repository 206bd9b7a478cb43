// The one Prisma client for the app: built on first use with the pg adapter (not at import,
// so `next build` needs no database), cached on globalThis across hot reloads.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../env";
import { PrismaClient, type Prisma } from "./generated/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; prismaUrl?: string };

/** What a step run inside its caller's transaction takes: the `tx` of `db().$transaction(async (tx) => ...)`, or db() itself. */
export type Tx = Prisma.TransactionClient;

/**
 * Use this database instead of DATABASE_URL: command-line tools pass the one they just opened (perhaps
 * the embedded server they started), tests theirs. Builds the client; it connects on its first query.
 */
export function setDatabaseUrl(url: string): PrismaClient {
  globalForPrisma.prismaUrl = url;
  globalForPrisma.prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return globalForPrisma.prisma;
}

/** For tests: close the client before their database is dropped; the next db() builds a new one (same URL). */
export async function disconnectDb(): Promise<void> {
  const client = globalForPrisma.prisma;
  delete globalForPrisma.prisma;
  await client?.$disconnect();
}

export function db(): PrismaClient {
  if (globalForPrisma.prisma) return globalForPrisma.prisma;
  const url = globalForPrisma.prismaUrl ?? env().DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start the app with `npm start`, which starts the embedded database, or set DATABASE_URL.",
    );
  }
  globalForPrisma.prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return globalForPrisma.prisma;
}
