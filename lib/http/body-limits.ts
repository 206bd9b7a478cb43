// How large a request body may be, per route: the web server refuses larger ones before Next reads a
// byte, and route handlers count bytes again while they read (lib/http/read-body.ts).
import { importLimits } from "../admin-import/limits";

/** Forms, JSON mutations and Auth.js posts are a few hundred bytes; 1 MB leaves room and bounds memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The admin upload carries a digest file (ADMIN_IMPORT_MAX_MB); every other route gets MAX_BODY_BYTES. */
export function bodyLimitFor(method: string, path: string): number {
  if (method === "POST" && path === "/api/admin/imports") return importLimits().maxRequestBytes;
  return MAX_BODY_BYTES;
}

/** "1 MB", "20.1 MB": for the 413 message. */
export function describeBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
