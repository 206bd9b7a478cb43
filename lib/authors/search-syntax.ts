// Search's `author:"Name"` (or `author:Name` for one word): the author filter taken out of the query
// text, the rest searched as usual. Pure; search.ts applies it, so the page, the feed, the API and saved
// searches all read the same text the same way. One author per query: a second author: is left as words.

const AUTHOR = /(^|\s)author:(?:"([^"]*)"?|(\S+))/i;

export function splitAuthorQuery(text: string): { text: string; author: string | null } {
  const match = AUTHOR.exec(text);
  if (!match) return { text, author: null };
  const author = (match[2] ?? match[3] ?? "").replace(/\s+/g, " ").trim();
  const rest = `${text.slice(0, match.index)}${match[1]}${text.slice(match.index + match[0].length)}`
    .replace(/\s+/g, " ")
    .trim();
  return { text: rest, author: author === "" ? null : author };
}
