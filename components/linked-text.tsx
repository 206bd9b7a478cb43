// Plain text with its http(s) URLs as links, built from React text and <a> elements (never HTML).
import { Fragment, type ReactNode } from "react";

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
const TRAILING = /[.,;:!?)\]}'"]+$/; // sentence punctuation after a URL is not part of it

export function LinkedText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const found of text.matchAll(URL_PATTERN)) {
    const url = found[0].replace(TRAILING, "");
    if (url.length <= "https://".length) continue;
    if (found.index > last) parts.push(<Fragment key={`t${last}`}>{text.slice(last, found.index)}</Fragment>);
    parts.push(
      <a key={`u${found.index}`} href={url} rel="noopener noreferrer nofollow" className="break-all text-sky-700 underline underline-offset-2 dark:text-sky-300">
        {url}
      </a>,
    );
    last = found.index + url.length;
  }
  if (last < text.length) parts.push(<Fragment key={`t${last}`}>{text.slice(last)}</Fragment>);
  return <>{parts}</>;
}
