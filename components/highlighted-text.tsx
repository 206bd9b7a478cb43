// Text with search matches in <mark>, built from escaped React text (never HTML from a digest).
import { Fragment } from "react";
import { highlightSegments } from "@/lib/papers/highlight";

export function HighlightedText({ text, terms }: { text: string; terms?: string[] }) {
  if (!terms || terms.length === 0) return <>{text}</>;
  return (
    <>
      {highlightSegments(text, terms).map((segment, index) =>
        segment.match ? <mark key={index}>{segment.text}</mark> : <Fragment key={index}>{segment.text}</Fragment>,
      )}
    </>
  );
}
