// The checks every mutation route runs before its lib call: same origin, signed in, a JSON body that parses.
import "server-only";
import type { z } from "zod";
import { currentUser, type SessionUser } from "../auth/session";
import { BodyTooLargeError, bodyTooLargeResponse, readJsonBody } from "../http/read-body";
import { jsonError } from "./responses";
import { isSameOrigin } from "./same-origin";

export type Guarded<T> = { ok: true; user: SessionUser; body: T } | { ok: false; response: Response };

export async function guardMutation<S extends z.ZodType>(request: Request, schema: S | null): Promise<Guarded<z.infer<S>>> {
  if (!isSameOrigin(request.headers)) return { ok: false, response: jsonError(403, "cross-site requests cannot change anything here") };
  const user = await currentUser();
  if (!user) return { ok: false, response: jsonError(401, "sign in first: /signin") };
  if (!schema) return { ok: true, user, body: undefined as z.infer<S> };
  let raw: unknown;
  try {
    raw = await readJsonBody(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { ok: false, response: bodyTooLargeResponse(error) };
    throw error;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join(".") || "body", issue.message]));
    return { ok: false, response: jsonError(400, "the request body is not valid", fieldErrors) };
  }
  return { ok: true, user, body: parsed.data };
}
