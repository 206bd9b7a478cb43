// The one Prisma client for the app: built on first use with the pg adapter (not at import,
// so `next build` needs no database), cached on globalThis across hot reloads.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../env";
import { PrismaClient } from "./generated/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** For command-line tools: use this database (e.g. the embedded one they just started) instead of DATABASE_URL. */
export function useDatabaseUrl(url: string): PrismaClient {
  globalForPrisma.prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return globalForPrisma.prisma;
}

export function db(): PrismaClient {
  if (globalForPrisma.prisma) return globalForPrisma.prisma;
  const url = env().DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set. Start the app with `npm start`, which starts the embedded database, or set DATABASE_URL.");
  }
  globalForPrisma.prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return globalForPrisma.prisma;
}
