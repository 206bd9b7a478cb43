// The local outbox: where mail goes without RESEND_API_KEY, one directory per message, read back by admins and browser tests.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { defaultOutboxDir } from "./config";
import type { MailTag } from "./types";

type OutboxEnvelope = {
  id: string;
  to: string;
  from: string;
  subject: string;
  headers: Record<string, string>;
  date: string;
  idempotencyKey?: string;
  tags?: MailTag[];
};
export type OutboxMessage = OutboxEnvelope & { html: string; text: string };
export type OutboxSummary = Pick<OutboxEnvelope, "id" | "to" | "subject" | "date">;
export type OutboxLocation = { outboxDir?: string };

// UTC timestamp to the millisecond, then 12 random hex digits: names sort by time and two
// processes writing in the same millisecond still cannot collide.
const OUTBOX_ID = /^\d{8}T\d{9}Z-[0-9a-f]{12}$/;

/** Whether a string is an outbox id; anything else (a path, "..") is never used as a file name. */
export function isOutboxId(id: string): boolean {
  return OUTBOX_ID.test(id);
}

function newOutboxId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:.]/g, ""); // 20250430T120102345Z
  return `${stamp}-${randomBytes(6).toString("hex")}`;
}

/** Messages hold magic sign-in links and unsubscribe tokens: only the owner may read them. */
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Writes the message into a hidden temporary directory, then renames it into place: a rename
 * within one directory is atomic, so a reader sees the whole message or none of it. The outbox
 * directory is 0700 (an older, wider one is narrowed) and every message file 0600, created
 * exclusively in a directory nobody else could have put anything in.
 */
export async function writeOutboxMessage(
  message: Omit<OutboxMessage, "id" | "date">,
  { outboxDir = defaultOutboxDir(), now = new Date() }: OutboxLocation & { now?: Date } = {},
): Promise<{ id: string; dir: string }> {
  const id = newOutboxId(now);
  const dir = path.join(outboxDir, id);
  const temp = path.join(outboxDir, `.tmp-${id}`);
  const { html, text, ...rest } = message;
  const envelope: OutboxEnvelope = { id, ...rest, date: now.toISOString() };
  // Only the outbox itself is narrowed: its parent (the data directory) must stay traversable by the
  // PostgreSQL user the embedded server runs as under root.
  await mkdir(path.dirname(outboxDir), { recursive: true });
  await mkdir(outboxDir, { mode: DIR_MODE }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
  // Made by a version that left it world-readable, or by hand; not ours to change if chmod is refused.
  await chmod(outboxDir, DIR_MODE).catch(() => undefined);
  await mkdir(temp, { mode: DIR_MODE });
  try {
    const file = { mode: FILE_MODE, flag: "wx" } as const;
    await writeFile(path.join(temp, "message.html"), html, file);
    await writeFile(path.join(temp, "message.txt"), text, file);
    await writeFile(path.join(temp, "headers.json"), `${JSON.stringify(envelope, null, 2)}\n`, file);
    await rename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return { id, dir };
}

async function messageIds(outboxDir: string): Promise<string[]> {
  try {
    const names = await readdir(outboxDir);
    return names.filter(isOutboxId).sort().reverse();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return []; // nothing sent yet
    throw error;
  }
}

async function readEnvelope(outboxDir: string, id: string): Promise<OutboxEnvelope | null> {
  try {
    return JSON.parse(await readFile(path.join(outboxDir, id, "headers.json"), "utf8")) as OutboxEnvelope;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null; // deleted by hand meanwhile
    throw error;
  }
}

/** The newest messages first. */
export async function listOutbox(
  limit = 50,
  { outboxDir = defaultOutboxDir() }: OutboxLocation = {},
): Promise<OutboxSummary[]> {
  const summaries: OutboxSummary[] = [];
  for (const id of await messageIds(outboxDir)) {
    if (summaries.length >= limit) break;
    const envelope = await readEnvelope(outboxDir, id);
    if (envelope) summaries.push({ id, to: envelope.to, subject: envelope.subject, date: envelope.date });
  }
  return summaries;
}

/** One message with its bodies; null for an unknown id and for anything that is not an outbox id. */
export async function readOutboxMessage(
  id: string,
  { outboxDir = defaultOutboxDir() }: OutboxLocation = {},
): Promise<OutboxMessage | null> {
  if (!isOutboxId(id)) return null;
  const envelope = await readEnvelope(outboxDir, id);
  if (!envelope) return null;
  const [html, text] = await Promise.all([
    readFile(path.join(outboxDir, id, "message.html"), "utf8"),
    readFile(path.join(outboxDir, id, "message.txt"), "utf8"),
  ]);
  return { ...envelope, id, html, text };
}

/** The newest message to an address (case-insensitive), e.g. the sign-in link a browser test just asked for. */
export async function findLatestOutboxMessage(
  { to }: { to: string },
  { outboxDir = defaultOutboxDir() }: OutboxLocation = {},
): Promise<OutboxMessage | null> {
  const wanted = to.trim().toLowerCase();
  for (const id of await messageIds(outboxDir)) {
    const envelope = await readEnvelope(outboxDir, id);
    if (envelope?.to.trim().toLowerCase() === wanted) return readOutboxMessage(id, { outboxDir });
  }
  return null;
}
