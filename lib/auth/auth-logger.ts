// Owns what Auth.js writes to the server log: a visitor's own slip (a sign-in link used twice or after it
// expired) is one line, since nothing is wrong with the server; any other error keeps its cause and stack.
import { AuthError } from "next-auth";

/** Auth.js error types that a visitor causes and the sign-in error page already explains. */
const VISITOR_ERRORS: Record<string, string> = {
  Verification: "a sign-in link was used again or after it expired; the visitor was shown the sign-in error page",
};

function errorType(error: Error): string {
  return error instanceof AuthError ? error.type : error.name;
}

/** Auth.js's `logger.error`. */
export function logAuthError(error: Error): void {
  const type = errorType(error);
  const known = VISITOR_ERRORS[type];
  if (known) {
    console.warn(`[auth] ${type}: ${known}`);
    return;
  }
  console.error(`[auth][error] ${type}: ${error.message}`);
  const cause = error.cause as { err?: unknown } | undefined;
  console.error(cause?.err instanceof Error ? cause.err.stack : error.stack);
}
