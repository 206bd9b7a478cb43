// Module resolve hook: in command-line tools, `server-only` (a guard for Next's browser bundles) resolves to nothing.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {}", shortCircuit: true };
  return nextResolve(specifier, context);
}
