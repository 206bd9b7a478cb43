// Turns a React Email element into the HTML and plain-text parts every message carries.
import { render } from "@react-email/render";
import type { ReactElement } from "react";

export type RenderedEmail = { html: string; text: string };

/** Both parts from one element; the text part keeps every link URL, so it works in text-only clients. */
export async function renderEmail(element: ReactElement): Promise<RenderedEmail> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
