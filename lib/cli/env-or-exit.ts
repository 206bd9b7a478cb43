// Command-line entry points read the environment first: a malformed variable ends the command with
// the message lib/env.ts wrote (which variable, what it must look like) instead of a stack trace.
import { env, type Env } from "../env";

export function envOrExit(exitCode = 1): Env {
  try {
    return env();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(exitCode);
  }
}
