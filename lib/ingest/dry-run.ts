// `import --dry-run`: parse a file and report what an import would take, without a database.
import { DigestRejectedError, parseDigest } from "./parse";
import type { DigestSource } from "./import";
import type { ParseOptions, Problem } from "./types";

export type DryRunResult = { papers: number; problems: Problem[]; digestDate: string | null; error: string | null };

/**
 * Streams the result as one JSON object when `json` is set
 * ({ file, digestDate, papers: [{ title, abstract, links, line }], problems, error }),
 * so a file of any size prints without being held in memory.
 */
export async function dryRunDigest(
  source: DigestSource,
  options: ParseOptions & { strict?: boolean },
  write: (text: string) => void,
  json: boolean,
): Promise<DryRunResult> {
  const result: DryRunResult = { papers: 0, problems: [], digestDate: null, error: null };
  let opened = false;
  const openJson = () => {
    if (!json || opened) return;
    opened = true;
    write(`{"file":${JSON.stringify(source.name)},"digestDate":${JSON.stringify(result.digestDate)},"papers":[`);
  };
  try {
    for await (const event of parseDigest(source.open(), options)) {
      if (event.type === "date") {
        result.digestDate = event.date;
      } else if (event.type === "paper") {
        openJson();
        const { title, abstract, links, line } = event.paper;
        if (json) write(`${result.papers > 0 ? "," : ""}\n${JSON.stringify({ title, abstract, links, line })}`);
        result.papers += 1;
      } else {
        result.problems.push(event.problem);
        if (options.strict) {
          throw new DigestRejectedError(`--strict: line ${event.problem.line}: ${event.problem.message}`, event.problem.line);
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
