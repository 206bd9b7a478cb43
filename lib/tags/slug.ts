// Tag names and slugs: how a name a person typed becomes the tag's URL identity. Pure.

/** Longest tag name, in characters (code points: an emoji counts once), after trimming. */
export const TAG_NAME_MAX = 40;
/** Longest slug: names fold to about their own length, but NFKD may expand a few characters (ligatures, "㎒"). */
export const TAG_SLUG_MAX = 80;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The name as shown: trimmed, runs of whitespace (tabs, newlines, no-break spaces) as one space. */
export function cleanTagName(raw: string): string {
  return raw.replace(/\s+/gu, " ").trim();
}

/**
 * The slug of a name: accents folded by NFKD ("Vidéo" -> "video"), lowercase, every run of
 * anything but a-z and 0-9 as one "-", no dash at either end. Empty when the name has no
 * ASCII letter or digit (punctuation, emoji, or a script NFKD does not fold to ASCII).
 */
export function tagSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Whether a string can be a tag slug: what URLs and lookups accept before touching the database. */
export function isTagSlug(value: string): boolean {
  return value.length > 0 && value.length <= TAG_SLUG_MAX && SLUG.test(value);
}

/** A name for a message: quoted, shortened when long, so an error never echoes a wall of text. */
export function quoteTagName(name: string, max = 50): string {
  const chars = [...name];
  return `“${chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : name}”`;
}
