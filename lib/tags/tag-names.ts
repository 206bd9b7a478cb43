// Tag names as a person types them: comma-separated text -> cleaned, checked names. Pure and free of zod,
// so the tag form runs the same rule in the browser without shipping a schema library (lib/tags/tag-input.ts
// wraps it in the server's zod schema).
import { cleanTagName, quoteTagName, TAG_NAME_MAX, TAG_SLUG_MAX, tagSlug } from "./slug";

/** Names per request: tagging is for a few words, not for pasting a list. */
export const TAG_NAMES_PER_REQUEST = 5;
/** The raw text read at most; longer input is refused before it is split. */
const TAG_INPUT_MAX = 10_000;

export type TagNameInput = { name: string; slug: string };

export type CheckedTagNames = { ok: true; tags: TagNameInput[] } | { ok: false; error: string };

/** Letters of any script (with their accents), digits, spaces between words and "-": a tag names a topic, not markup. */
const TAG_CHARACTER = /[\p{L}\p{M}\p{N} -]/u;

/** The characters a tag name may not have, each once, in the order they appear. */
function refusedCharacters(name: string): string[] {
  return [...new Set([...name].filter((char) => !TAG_CHARACTER.test(char)))];
}

function listCharacters(chars: string[]): string {
  const quoted = chars.slice(0, 6).map((char) => `“${char}”`);
  if (chars.length > 6) return `${quoted.join(", ")} and more`;
  return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
}

/**
 * Comma-separated names -> [{ name, slug }]: names cleaned (trimmed, whitespace collapsed) and made of
 * words, numbers and "-" (markup or emoji are refused, naming the characters), empty items between commas
 * ignored, repeats (same slug) dropped keeping the first. Every refusal says what to change.
 */
export function checkTagNames(raw: string): CheckedTagNames {
  const fail = (error: string): CheckedTagNames => ({ ok: false, error });
  if (raw.length > TAG_INPUT_MAX) {
    return fail(
      `That is too much text for tag names: at most ${TAG_NAMES_PER_REQUEST} names of up to ${TAG_NAME_MAX} characters.`,
    );
  }
  const names = raw
    .split(",")
    .map(cleanTagName)
    .filter((name) => name !== "");
  if (names.length === 0) return fail("Type a tag name (separate several with commas).");
  const tags = new Map<string, TagNameInput>();
  for (const name of names) {
    if ([...name].length > TAG_NAME_MAX)
      return fail(`Tag names can be at most ${TAG_NAME_MAX} characters: ${quoteTagName(name)}`);
    const slug = tagSlug(name);
    if (slug === "") return fail(`Tag names need at least one letter (a–z) or digit: ${quoteTagName(name)}`);
    const refused = refusedCharacters(name);
    if (refused.length > 0)
      return fail(`Tags are made of words, numbers and “-”: ${quoteTagName(name)} has ${listCharacters(refused)}.`);
    if (slug.length > TAG_SLUG_MAX)
      return fail(`That tag name is too long once written for a link: ${quoteTagName(name)}`);
    if (!tags.has(slug)) tags.set(slug, { name, slug });
  }
  if (tags.size > TAG_NAMES_PER_REQUEST) {
    return fail(
      `You can add at most ${TAG_NAMES_PER_REQUEST} tags at a time (you sent ${tags.size.toLocaleString("en")}).`,
    );
  }
  return { ok: true, tags: [...tags.values()] };
}
