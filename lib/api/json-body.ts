// A mutation route's JSON body: read with a bound (lib/http/read-body.ts), parsed, checked by its zod schema.
import type { z } from "zod";
import { BodyTooLargeError, bodyTooLargeResponse, readBodyText } from "../http/read-body";
import { jsonError } from "./responses";

type ParsedBody<T> = { ok: true; body: T } | { ok: false; response: Response };

/**
 * An empty body reaches the schema as undefined, so a route whose body is optional says so with
 * `.default(...)`; text that is not JSON is refused before the schema sees it.
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<ParsedBody<z.output<S>>> {
  let text: string;
  try {
    text = await readBodyText(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { ok: false, response: bodyTooLargeResponse(error) };
    throw error;
  }
  let raw: unknown;
  if (text.trim() !== "") {
    try {
      raw = JSON.parse(text);
    } catch {
      return { ok: false, response: jsonError(400, "the request body is not JSON") };
    }
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, body: parsed.data };
  const fieldErrors = Object.fromEntries(
    parsed.error.issues.map((issue) => [issue.path.join(".") || "body", issue.message]),
  );
  return { ok: false, response: jsonError(400, "the request body is not valid", fieldErrors) };
}
