// Owns how the import pages and messages write sizes, times and hashes (pure; safe in client components).

const TIMESTAMP = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "20 MB", "1.5 MB", "512 KB": sizes in the messages people read. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

/** "Apr 30, 2025, 10:00 AM UTC": UTC so the server-rendered and the client-rendered text agree. */
export function formatTimestamp(iso: string): string {
  return `${TIMESTAMP.format(new Date(iso))} UTC`;
}

/** The first 12 hex digits: enough to tell files apart in a table. */
export function shortSha(sha256: string): string {
  return sha256.slice(0, 12);
}

export const FORMAT_LABELS = { TEXT: "Text", HF_JSON: "Hugging Face JSON" } as const;
