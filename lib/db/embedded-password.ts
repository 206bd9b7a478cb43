// The embedded PostgreSQL's password: random, made once beside the data directory (0600, owned by the
// user the server runs as), and how a cluster made with the old fixed password is moved to it.
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { link, open, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export const USER = "postgres";
/** The fixed password of clusters made before the password file existed. */
export const LEGACY_PASSWORD = "paperpulse";

/** Where a running embedded server answers, and with which password. */
export type EmbeddedAddress = { port: number; password: string };

export function embeddedUrl({ port, password }: EmbeddedAddress, database: string): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** Where the cluster in `dataDir` keeps its password: beside it, since initdb wants an empty directory. */
export function passwordFileFor(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}-password`);
}

export type Owner = { uid: number; gid: number };

async function readPassword(file: string): Promise<string> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const password = (await handle.readFile("utf8")).split("\n")[0]!.trim();
    if (!password)
      throw new Error(`${file} is empty: delete it and restart to make a new one only if the database is new`);
    return password;
  } finally {
    await handle.close();
  }
}

/**
 * The cluster's password, made the first time: 48 random hex digits, written 0600 under a temporary
 * name and linked into place, so two processes starting at once agree (link fails for the second, which
 * reads the first's) and nobody ever reads a half-written file. `owner`: the user initdb runs as.
 */
export async function readOrCreatePassword(file: string, owner: Owner | null): Promise<string> {
  try {
    return await readPassword(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const password = randomBytes(24).toString("hex");
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(
    temp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    try {
      await handle.writeFile(`${password}\n`);
      if (owner) await handle.chown(owner.uid, owner.gid);
    } finally {
      await handle.close();
    }
    await link(temp, file);
    return password;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readPassword(file);
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Connects with `password`: "ok", "refused" (wrong password: the server is up) or "down". */
export async function tryPassword(port: number, password: string): Promise<"ok" | "refused" | "down"> {
  const client = new pg.Client({
    connectionString: embeddedUrl({ port, password }, "postgres"),
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code === "28P01" ? "refused" : "down";
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Makes the running cluster accept `password`, the one in the password file. A cluster made by an older
 * version still has LEGACY_PASSWORD: sign in with it and change it. The file is written before the
 * change, so a crash in between leaves a state this function finishes next time.
 */
export async function adoptPassword(
  port: number,
  password: string,
  passwordFile: string,
  log?: (message: string) => void,
): Promise<void> {
  if ((await tryPassword(port, password)) === "ok") return;
  const client = new pg.Client({ connectionString: embeddedUrl({ port, password: LEGACY_PASSWORD }, "postgres") });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL on port ${port} accepts neither the password in ${passwordFile} nor the old default: ` +
        `${String(error)}. If you changed the password, put it in ${passwordFile}.`,
      { cause: error },
    );
  }
  try {
    await client.query(`ALTER ROLE ${USER} PASSWORD ${client.escapeLiteral(password)}`);
    log?.(`The embedded PostgreSQL had the old fixed password; it now has the random one in ${passwordFile}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** postmaster.pid holds the running server's pid (line 1) and port (line 4). */
