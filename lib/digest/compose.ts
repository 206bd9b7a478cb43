// Builds each digest message (subject, HTML, text, unsubscribe headers) fast enough for 100,000 subscribers a run.
import { createElement } from "react";
import { createRequire } from "node:module";
import { DigestEmail, PaperItem, type DigestEmailPaper } from "../../emails/digest";
import type { MailMessage } from "../mail/types";
import { subscriberLinks } from "../subscribers/links";
import { digestPreview, digestSubject, excerpt, oneLine, trendingReason } from "./wording";

// Loaded at run time, not imported: Next refuses a static react-dom/server import in anything an app
// route reaches (the admin's "send a test digest" action does), and the synchronous
// renderToStaticMarkup is what makes per-block rendering fast enough (see below).
const { renderToStaticMarkup } = createRequire(import.meta.url)(
  "react-dom/server",
) as typeof import("react-dom/server");

export type DigestPaper = {
  id: number;
  slug: string;
  title: string;
  abstract: string;
  codeUrl: string | null;
  /** Local upvotes and Hugging Face's: a trending paper's why-line (wording.ts trendingReason). */
  upvotes?: number;
  upstreamUpvotes?: number;
  /** author_key() of its authors: which followed author it is "New from" (section-names.ts). */
  authorKeys?: readonly string[];
};
export type DigestContent = {
  /** "Trending papers for 2025-04-30" */
  heading: string;
  /** Empty for an "Only my topics" email. */
  top: DigestPaper[];
  /**
   * Each with its heading in words (wording.ts sectionHeading) and each paper's why-line (wording.ts
   * sectionReason; default: the heading). Top papers say they trend, with their upvotes.
   */
  sections: { heading: string; papers: DigestPaper[]; why?: (paper: DigestPaper) => string }[];
};
type DigestRecipient = { email: string; token: string };

// Rendering the React Email template takes 5-13 ms per email (measured: 16 papers, React 19), about
// 100 emails a second on one core. So the template is rendered in pieces: each paper's block once per
// run, and the frame (heading, section titles, footer) once per distinct layout, with a marker where
// the papers go and a placeholder where the subscriber's token goes. An email is then string joins.
// React escapes every piece as it renders it; the token is inserted URL-encoded, which has no
// character HTML would need escaped. tests/unit/digest/compose.test.ts checks the result against a
// whole-template render byte for byte.
const DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';
const TOKEN = "PPxTOKENxPLACEHOLDERx7Q";
const slotPaper = (slot: number): DigestEmailPaper => ({
  id: -1 - slot,
  title: `PPxSLOTx${slot}x`,
  excerpt: "",
  url: "https://slot.invalid/",
  codeUrl: null,
  why: "",
});
/** Where a paper block's why-line goes: it depends on the section (and, for followed authors, the reader). */
const WHY = "PPxWHYxPLACEHOLDERx7Q";
/** Distinct layouts kept at once: enough for every topic combination in practice, bounded so memory stays flat. */
const MAX_FRAMES = 2000;

type FramePart = string | { slot: number } | { token: true } | { heading: number };

/** Section i's heading in a frame: replaced per email by the heading, escaped as React escapes text. */
const headingMarker = (i: number) => `PPxHEADx${i}xQ`;
const MARKERS = new RegExp(`${TOKEN}|PPxHEADx(\\d+)xQ`, "g");
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
// V8 stores a string at two bytes per character when one character is past Latin-1, and nearly every
// email has one (an excerpt's "…", the preview's padding), so each batch in flight held its HTML at
// twice its size; the heap grows with what is live at each collection (bench:digest: the larger
// emails with follows cost ~20% more peak RSS). Those characters become numeric references, which
// mean the same to every mail client, and each piece is copied as Latin-1: a string made from a
// two-byte one stays two-byte even when nothing wide is left, and one such piece makes the whole
// email two-byte.
const WIDE = /[\u0100-\u{10ffff}]/gu;
const oneByteHtml = (html: string) =>
  Buffer.from(
    html.replace(WIDE, (c) => `&#${c.codePointAt(0)};`),
    "latin1",
  ).toString("latin1");
const escapeHtml = (text: string) => oneByteHtml(text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!));

export type DigestComposer = {
  compose(content: DigestContent, recipient: DigestRecipient): MailMessage;
  /** The whole template rendered by React in one go: the reference compose() must equal. */
  renderWhole(content: DigestContent, recipient: DigestRecipient): { html: string; text: string };
  stats(): { paperBlocks: number; frames: number };
};

export function createDigestComposer({ siteUrl }: { siteUrl: string }): DigestComposer {
  // Each paper's block, cut at its why-line: [before, after], joined around the escaped line per email.
  const blocks = new Map<number, { before: string; after: string; data: DigestEmailPaper }>();
  const frames = new Map<string, FramePart[]>();

  const emailPaper = (paper: DigestPaper, why: string): DigestEmailPaper => ({
    id: paper.id,
    title: oneLine(paper.title),
    excerpt: excerpt(paper.abstract),
    url: subscriberLinks.paper(paper.slug, siteUrl),
    codeUrl: paper.codeUrl,
    why: oneLine(why),
  });

  function block(paper: DigestPaper) {
    let cached = blocks.get(paper.id);
    if (!cached) {
      const data = emailPaper(paper, WHY);
      const [before, after] = oneByteHtml(renderToStaticMarkup(createElement(PaperItem, { paper: data }))).split(WHY);
      cached = { before: before!, after: after!, data };
      blocks.set(paper.id, cached);
    }
    return cached;
  }
  /** Slot 0 is the trending part, slot i + 1 the i-th section. */
  const whyOf = (content: DigestContent, slot: number, paper: DigestPaper) => {
    if (slot === 0) return trendingReason(paper);
    const section = content.sections[slot - 1]!;
    return section.why?.(paper) ?? section.heading;
  };

  const links = (token: string) => ({
    unsubscribeUrl: subscriberLinks.unsubscribePage(token, siteUrl),
    preferencesUrl: subscriberLinks.preferences(token, siteUrl),
  });
  const firstTitle = (content: DigestContent) => (content.top[0] ?? content.sections[0]?.papers[0])?.title ?? "";
  const paperCount = (content: DigestContent) =>
    content.top.length + content.sections.reduce((sum, section) => sum + section.papers.length, 0);

  function emailProps(
    content: DigestContent,
    token: string,
    papers: (paper: DigestPaper, slot: number, why: string) => DigestEmailPaper,
  ) {
    let slot = 0;
    const top = content.top.length > 0 ? content.top.map((paper) => papers(paper, slot, whyOf(content, 0, paper))) : [];
    slot += 1;
    return {
      heading: content.heading,
      preview: digestPreview(firstTitle(content), paperCount(content)),
      top,
      sections: content.sections.map((section) => {
        const sectionSlot = slot++;
        return {
          heading: section.heading,
          papers: section.papers.map((paper) => papers(paper, sectionSlot, whyOf(content, sectionSlot, paper))),
        };
      }),
      siteUrl,
      ...links(token),
    };
  }

  function frame(content: DigestContent): FramePart[] {
    // Section headings are slots too: saved-search names make them personal, and a frame per name would
    // mean a whole React render per email.
    const key = JSON.stringify([
      content.heading,
      firstTitle(content),
      paperCount(content),
      content.top.length > 0,
      content.sections.length,
    ]);
    let parts = frames.get(key);
    if (parts) return parts;
    // One marker paper per list: its rendered block is found in the frame and replaced by the real blocks.
    const props = emailProps(content, TOKEN, (_paper, slot) => slotPaper(slot));
    props.top = props.top.slice(0, 1);
    props.sections = props.sections.map((section, i) => ({
      heading: headingMarker(i),
      papers: section.papers.slice(0, 1),
    }));
    let html = oneByteHtml(DOCTYPE + renderToStaticMarkup(createElement(DigestEmail, props)));
    parts = [];
    const slots = content.sections.length + 1;
    for (let slot = 0; slot < slots; slot++) {
      if (slot === 0 && content.top.length === 0) continue;
      const marker = oneByteHtml(renderToStaticMarkup(createElement(PaperItem, { paper: slotPaper(slot) })));
      const at = html.indexOf(marker);
      if (at < 0) throw new Error(`digest template: paper list ${slot} not found in the rendered frame`);
      parts.push(...withMarkers(html.slice(0, at)), { slot });
      html = html.slice(at + marker.length);
    }
    parts.push(...withMarkers(html));
    if (frames.size >= MAX_FRAMES) frames.delete(frames.keys().next().value!);
    frames.set(key, parts);
    return parts;
  }

  return {
    compose(content, recipient) {
      const lists = [content.top, ...content.sections.map((section) => section.papers)];
      const token = encodeURIComponent(recipient.token);
      let html = "";
      for (const part of frame(content)) {
        if (typeof part === "string") html += part;
        else if ("token" in part) html += token;
        else if ("heading" in part) html += escapeHtml(content.sections[part.heading]!.heading);
        else
          for (const paper of lists[part.slot]!) {
            const { before, after } = block(paper);
            html += before + escapeHtml(oneLine(whyOf(content, part.slot, paper))) + after;
          }
      }
      return {
        to: recipient.email,
        subject: digestSubject(paperCount(content), firstTitle(content), content.top.length > 0),
        html,
        text: digestText(
          content,
          lists.map((list, slot) =>
            list.map((paper) => paperText({ ...block(paper).data, why: oneLine(whyOf(content, slot, paper)) })),
          ),
          siteUrl,
          links(recipient.token),
        ),
        headers: {
          // RFC 8058: mailbox providers show an unsubscribe button that POSTs here, no page visit needed.
          "List-Unsubscribe": `<${subscriberLinks.unsubscribeOneClick(recipient.token, siteUrl)}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        tags: [{ name: "category", value: "digest" }],
      };
    },
    renderWhole(content, recipient) {
      const props = emailProps(content, recipient.token, (paper, _slot, why) => emailPaper(paper, why));
      const lists = [content.top, ...content.sections.map((section) => section.papers)];
      return {
        html: oneByteHtml(DOCTYPE + renderToStaticMarkup(createElement(DigestEmail, props))),
        text: digestText(
          content,
          lists.map((list, slot) => list.map((paper) => paperText(emailPaper(paper, whyOf(content, slot, paper))))),
          siteUrl,
          links(recipient.token),
        ),
      };
    },
    stats: () => ({ paperBlocks: blocks.size, frames: frames.size }),
  };
}

/** A frame's text cut at the token and heading markers. */
function withMarkers(html: string): FramePart[] {
  const parts: FramePart[] = [];
  let from = 0;
  for (const match of html.matchAll(MARKERS)) {
    parts.push(html.slice(from, match.index), match[1] === undefined ? { token: true } : { heading: Number(match[1]) });
    from = match.index + match[0].length;
  }
  parts.push(html.slice(from));
  return parts;
}

function paperText(paper: DigestEmailPaper): string {
  return [
    paper.title,
    paper.why,
    paper.excerpt,
    `Read: ${paper.url}`,
    ...(paper.codeUrl ? [`Code: ${paper.codeUrl}`] : []),
  ].join("\n");
}

/** The plain-text part, written directly (no HTML-to-text pass): titles and excerpts as plain strings, every link spelled out. */
function digestText(
  content: DigestContent,
  lists: string[][],
  siteUrl: string,
  links: { unsubscribeUrl: string; preferencesUrl: string },
): string {
  const [top = [], ...sections] = lists;
  const out = ["PaperPulse", "", content.heading, "", ...top.flatMap((text) => [text, ""])];
  content.sections.forEach((section, i) =>
    out.push(oneLine(section.heading), "", ...sections[i]!.flatMap((text) => [text, ""])),
  );
  out.push(
    "--",
    `You get this email because you subscribed to the PaperPulse digest at ${siteUrl}.`,
    `Unsubscribe: ${links.unsubscribeUrl}`,
    `Change topics or frequency: ${links.preferencesUrl}`,
  );
  return `${out.join("\n")}\n`;
}
