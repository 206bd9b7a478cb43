// Shared by the pages a subscriber's token opens: kept out of search engines, and the token never leaves in a Referer.
import type { Metadata } from "next";

export function tokenPageMetadata(title: string): Metadata {
  return { title, robots: { index: false, follow: false }, referrer: "no-referrer" };
}
