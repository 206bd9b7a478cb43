// A small XML 1.0 well-formedness check for the feed tests (the project has no XML parser, and a feed
// reader is one): legal characters, known entities, quoted attributes, balanced tags, one root element.

const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const NAME = "[A-Za-z_][\\w.:-]*";
const START_TAG = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>$`);
const END_TAG = new RegExp(`^</(${NAME})\\s*>$`);
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "g");
const BAD_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);)/;

/** Every well-formedness problem found; empty for a well-formed document. */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  if (!XML_CHAR.test(xml)) problems.push("contains a character XML 1.0 does not allow");
  let rest = xml;
  const declaration = /^<\?xml\s[^?]*\?>/.exec(rest);
  if (declaration) rest = rest.slice(declaration[0].length);
  const stack: string[] = [];
  let roots = 0;
  for (const [token] of rest.matchAll(/<[^>]*>|[^<]+/g)) {
    if (!token.startsWith("<")) {
      if (stack.length === 0 && token.trim()) problems.push(`text outside the root element: ${token.slice(0, 40)}`);
      if (BAD_AMPERSAND.test(token)) problems.push(`bare & in text: ${token.slice(0, 60)}`);
      if (token.includes("]]>")) problems.push("]]> in text");
      continue;
    }
    if (token.startsWith("<!--")) continue;
    const end = END_TAG.exec(token);
    if (end) {
      const open = stack.pop();
      if (open !== end[1]) problems.push(`</${end[1]}> closes <${open ?? "nothing"}>`);
      continue;
    }
    const start = START_TAG.exec(token);
    if (!start) {
      problems.push(`malformed tag: ${token.slice(0, 60)}`);
      continue;
    }
    const seen = new Set<string>();
    for (const attribute of start[2]!.matchAll(ATTRIBUTE)) {
      if (seen.has(attribute[1]!)) problems.push(`repeated attribute ${attribute[1]}`);
      seen.add(attribute[1]!);
      if (BAD_AMPERSAND.test(attribute[2] ?? attribute[3] ?? "")) problems.push(`bare & in attribute ${attribute[1]}`);
    }
    if (stack.length === 0) roots += 1;
    if (!start[3]) stack.push(start[1]!);
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(" > ")}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Text content as a parser hands it over (entities decoded once). */
export function decodeXmlText(text: string): string {
  return text.replace(ENTITY, (_, ref: string) =>
    ref.startsWith("#x")
      ? String.fromCodePoint(parseInt(ref.slice(2), 16))
      : ref.startsWith("#")
        ? String.fromCodePoint(Number(ref.slice(1)))
        : NAMED[ref]!,
  );
}

/** Decoded text of every `<name>` element, in document order (flat elements only, as in RSS). */
export function elementTexts(xml: string, name: string): string[] {
  const pattern = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, "g");
  return [...xml.matchAll(pattern)].map((match) => decodeXmlText(match[1]!));
}

/** The `<item>` blocks of an RSS document, raw. */
export function rssItems(xml: string): string[] {
  return [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((match) => match[1]!);
}
