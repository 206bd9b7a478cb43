// `tsx --import ./scripts/support/allow-server-only.mjs script.ts`: lets CLIs and the worker use the app's
// server modules (they import "server-only", which throws outside Next's server bundle).
import { register } from "node:module";

register("./server-only-hooks.mjs", import.meta.url);
