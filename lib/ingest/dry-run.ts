// `import --dry-run`: parse a file and report what an import would take, without a database.
import { DigestRejectedError } from "./rejected";
import { parseAnyDigest } from "./parse-any";
import type { DigestSource } from "./import";
import type { DigestFormat, ParseOptions, Problem } from "./types";

export type DryRunResult = {
  format: DigestFormat;
  papers: number;
  problems: Problem[];
  digestDate: string | null;
  error: string | null;
};

/**
 * Streams the result as one JSON object when `json` is set
 * ({ file, format, digestDate, papers: [{ title, abstract, links, line }], problems, error }, where JSON
 * papers also have arxivId, authors and upstreamUpvotes),
 * so a file of any size prints without being held in memory.
 */
export async function dryRunDigest(
  source: DigestSource,
  options: ParseOptions & { strict?: boolean },
  write: (text: string) => void,
  json: boolean,
): Promise<DryRunResult> {
  const result: DryRunResult = { format: "TEXT", papers: 0, problems: [], digestDate: null, error: null };
  let opened = false;
  const openJson = () => {
    if (!json || opened) return;
    opened = true;
    write(
      `{"file":${JSON.stringify(source.name)},"format":"${result.format}","digestDate":${JSON.stringify(result.digestDate)},"papers":[`,
    );
  };
  try {
    for await (const event of parseAnyDigest(source.open(), options)) {
      if (event.type === "format") {
        result.format = event.format;
      } else if (event.type === "date") {
        result.digestDate = event.date;
      } else if (event.type === "paper") {
        openJson();
        const { title, abstract, links, line, arxivId, authors, upstreamUpvotes } = event.paper;
        // Text papers keep the shape scripts already read; JSON papers carry what only JSON has.
        const paper =
          result.format === "HF_JSON"
            ? {
                title,
                abstract,
                links,
                line,
                arxivId,
                authors: authors ?? [],
                upstreamUpvotes: upstreamUpvotes ?? null,
              }
            : { title, abstract, links, line };
        if (json) write(`${result.papers > 0 ? "," : ""}\n${JSON.stringify(paper)}`);
        result.papers += 1;
      } else if (event.type === "problem") {
        result.problems.push(event.problem);
        if (options.strict) {
          const where = result.format === "HF_JSON" ? "" : `line ${event.problem.line}: `;
          throw new DigestRejectedError(`--strict: ${where}${event.problem.message}`, event.problem.line);
        }
      }
    }
  } catch (error) {
    if (!(error instanceof DigestRejectedError)) throw error;
    result.error = error.message;
  }
  openJson();
  if (json) write(`],"problems":${JSON.stringify(result.problems)},"error":${JSON.stringify(result.error)}}\n`);
  return result;
}
