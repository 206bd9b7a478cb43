// AUTH_SECRET, or one generated on first use and kept under the data dir, so a fresh machine needs no setup.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../env";

/**
 * Several processes on one machine share the generated secret: the first writes it with
 * O_EXCL, the rest read it. Deployments on several machines must set AUTH_SECRET themselves.
 */
export function authSecret(options: { configured?: string; dataDir?: string } = {}): string {
  const configured = options.configured ?? env().AUTH_SECRET;
  if (configured) return configured;
  const dataDir = options.dataDir ?? env().dataDir;
  const file = path.join(dataDir, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(33).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}
