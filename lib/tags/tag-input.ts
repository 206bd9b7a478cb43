// What a person may type to tag a paper: one zod schema shared by the tag form and the server action.
import { z } from "zod";
import { cleanTagName, quoteTagName, TAG_NAME_MAX, TAG_SLUG_MAX, tagSlug } from "./slug";

/** Names per request: tagging is for a few words, not for pasting a list. */
export const TAG_NAMES_PER_REQUEST = 5;
/** Tags one person may put on one paper. */
export const TAGS_PER_PERSON_PER_PAPER = 20;
/** The raw text the schema reads at most; longer input is refused before it is split. */
const TAG_INPUT_MAX = 10_000;

type TagNameInput = { name: string; slug: string };

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
 * words, numbers and "-" (markup or emoji are refused, naming the characters), empty items between commas ignored, repeats (same slug) dropped
 * keeping the first. Every refusal says what to change.
 */
const tagInputSchema = z
  .string({ error: "Type one or more tag names, separated by commas." })
  .max(
    TAG_INPUT_MAX,
    `That is too much text for tag names: at most ${TAG_NAMES_PER_REQUEST} names of up to ${TAG_NAME_MAX} characters.`,
  )
  .transform((raw, ctx): TagNameInput[] => {
    const names = raw
      .split(",")
      .map(cleanTagName)
      .filter((name) => name !== "");
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    };
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
    return [...tags.values()];
  });

export type ParsedTagInput = { ok: true; tags: TagNameInput[] } | { ok: false; error: string };

export function parseTagInput(raw: unknown): ParsedTagInput {
  const result = tagInputSchema.safeParse(raw);
  return result.success
    ? { ok: true, tags: result.data }
    : { ok: false, error: result.error.issues[0]?.message ?? "Those tag names cannot be used." };
}
