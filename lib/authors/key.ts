// Author identity: a name's normalised key is computed by PostgreSQL's author_key() (see the
// 20261210100000_follows_saved_searches migration), the one place the rule lives; this module only
// checks what a URL may carry and builds the links. Limits: two people with one name share a page,
// and "J. Dupont" and "Jean Dupont" are two pages.

/** Longest slug (or name) looked up: longer ones are no author's, and never reach the database. */
export const MAX_AUTHOR_NAME = 200;

/** A slug from a URL worth looking up: not blank, not too long, one path segment. */
export function isAuthorSlug(slug: string): boolean {
  // eslint-disable-next-line no-control-regex -- a slug with a control character is refused
  return slug.trim() !== "" && [...slug].length <= MAX_AUTHOR_NAME && !/[/\\\u0000-\u001f]/.test(slug);
}

export function authorPath(slug: string): string {
  return `/authors/${encodeURIComponent(slug)}`;
}

/** The search for one author's papers: `author:"Name"` (quotes in a name cannot occur in the syntax, so they go). */
export function authorSearchText(name: string): string {
  return `author:"${name.replace(/"/g, " ").trim()}"`;
}
