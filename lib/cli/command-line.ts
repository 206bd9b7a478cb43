// The one way command-line entry points read their arguments: node's parseArgs for the syntax, a zod
// schema for the meaning, and one result shape, so every command says what was wrong the same way.
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { z } from "zod";

export type Parsed<T> = { ok: true; args: T } | { ok: false; message: string };

type Options = NonNullable<ParseArgsConfig["options"]>;
type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/**
 * Parses `argv` with `options` (plus --help/-h, which answers `{ ok: false, message: "" }`: print the
 * usage), hands the values and positionals to `toInput`, and validates that with `schema`. A message
 * names every problem; `toInput` may throw an Error whose message is the problem.
 */
export function parseCommandLine<S extends z.ZodType>(
  argv: string[],
  options: Options,
  schema: S,
  toInput: (values: Values, positionals: string[]) => unknown,
): Parsed<z.infer<S>> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { ...options, help: { type: "boolean", short: "h", default: false } },
    });
    if (values.help) return { ok: false, message: "" };
    const result = schema.safeParse(toInput(values, positionals));
    if (!result.success) return { ok: false, message: result.error.issues.map((issue) => issue.message).join("; ") };
    return { ok: true, args: result.data };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
