// Plain text with its http(s) URLs as links, built from React text and <a> elements (never HTML).
import { Fragment, type ReactNode } from "react";
import { findUrls } from "@/lib/ingest/links";

/** Links exactly the URLs the importer stores as the paper's links (findUrls is the one rule for both). */
export function LinkedText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const { url, start } of findUrls(text)) {
    if (start > last) parts.push(<Fragment key={`t${last}`}>{text.slice(last, start)}</Fragment>);
    parts.push(
      <a
        key={`u${start}`}
        href={url}
        rel="noopener noreferrer nofollow"
        className="break-all text-sky-700 underline underline-offset-2 dark:text-sky-300"
      >
        {url}
      </a>,
    );
    last = start + url.length;
  }
  if (last < text.length) parts.push(<Fragment key={`t${last}`}>{text.slice(last)}</Fragment>);
  return <>{parts}</>;
}
