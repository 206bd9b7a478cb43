// In-memory digest sources and small digest texts for the import integration tests.
import type { DigestSource } from "../../../lib/ingest/import";

/** A DigestSource over a string or raw bytes (raw bytes let a test hand in invalid UTF-8 or binary data). */
export function textSource(name: string, content: string | Uint8Array): DigestSource {
  const bytes = typeof content === "string" ? Buffer.from(content) : Buffer.from(content);
  return {
    name,
    size: bytes.byteLength,
    open: async function* () {
      yield bytes;
    },
  };
}

export type DigestPaper = { title: string; abstract?: string };

/** A digest as the site's page copies it: a date line, then title / blank line / abstract blocks. */
export function digestText(dateLine: string | null, papers: DigestPaper[]): string {
  const head = dateLine === null ? "" : `${dateLine}\n\n`;
  return (
    head + papers.map((p) => (p.abstract === undefined ? `${p.title}\n` : `${p.title}\n\n${p.abstract}\n`)).join("\n")
  );
}
