// Author names, each linking to their page (/authors/SLUG); "et al." when the list was cut short.
import Link from "next/link";
import { authorPath } from "@/lib/authors/key";
import type { AuthorLink } from "@/lib/papers/types";

export function AuthorNames({
  authors,
  total,
  className,
}: {
  authors: AuthorLink[];
  total?: number;
  className?: string;
}) {
  if (authors.length === 0) return null;
  const more = (total ?? authors.length) - authors.length;
  return (
    <span className={className}>
      {authors.map((author, i) => (
        <span key={`${i}-${author.name}`}>
          {i > 0 ? ", " : ""}
          {author.slug ? (
            <Link
              href={authorPath(author.slug)}
              prefetch={false}
              className="hover:text-sky-700 hover:underline dark:hover:text-sky-300"
            >
              {author.name}
            </Link>
          ) : (
            author.name
          )}
        </span>
      ))}
      {more > 0 ? `, et al. (${more} more)` : ""}
    </span>
  );
}
