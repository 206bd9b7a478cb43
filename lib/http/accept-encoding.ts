// Reading a request's Accept-Encoding (RFC 9110 §12.5.3): one rule for the page cache's key and the
// static files' brotli.

/**
 * Whether `header` accepts `coding` (or one of its `aliases`): named with q > 0 (the last naming wins),
 * or not named at all and `*` allowed. `br;q=0` refuses br; a missing or empty header accepts nothing.
 */
export function acceptsCoding(
  header: string | string[] | undefined,
  coding: string,
  aliases: readonly string[] = [],
): boolean {
  const text = Array.isArray(header) ? header.join(",") : (header ?? "");
  const names = [coding, ...aliases];
  let named: boolean | undefined;
  let star: boolean | undefined;
  for (const part of text.split(",")) {
    const [rawName, ...rest] = part.toLowerCase().split(";");
    const name = rawName!.trim();
    const q = rest.map((param) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    const accepted = q === undefined || Number(q) > 0;
    if (names.includes(name)) named = accepted;
    else if (name === "*") star = accepted;
  }
  return named ?? star ?? false;
}
