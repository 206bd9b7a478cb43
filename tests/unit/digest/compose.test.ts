// The fast digest composer against a whole-template React Email render, and what each message carries.
import { render } from "@react-email/render";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DigestEmail } from "../../../emails/digest";
import { createDigestComposer, type DigestContent, type DigestPaper } from "../../../lib/digest/compose";

const site = "https://papers.example.org";
const DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';
const paper = (id: number, title: string, codeUrl: string | null = null): DigestPaper => ({
  id,
  slug: `paper-${id}`,
  title,
  abstract: `Abstract of paper ${id} with <b>markup</b> & "quotes". https://github.com/x/y`,
  codeUrl,
});
const content: DigestContent = {
  heading: "Trending papers for 2025-05-01",
  top: [
    paper(1, `<script>alert(1)</script> & "quotes"`, "https://github.com/example/script-paper"),
    paper(2, "Emoji 🎥 Benchmark\nSecond line"),
  ],
  sections: [
    { heading: "Because you follow Video <understanding>", papers: [paper(3, "Video paper")] },
    {
      heading: "Because you follow Agents",
      papers: [paper(4, "Agent paper", "https://github.com/a/agent"), paper(5, "Another agent paper")],
    },
  ],
};
const reader = { email: "ada@example.org", token: "tok/with+odd&chars" };

describe("composing a digest email", () => {
  it("gives byte for byte the HTML and text of rendering the whole template", () => {
    const composer = createDigestComposer({ siteUrl: site });
    const fast = composer.compose(content, reader);
    const whole = composer.renderWhole(content, reader);
    expect(fast.html).toBe(whole.html);
    expect(fast.text).toBe(whole.text);
    // A second subscriber with the same papers reuses the cached frame and blocks.
    const other = composer.compose(content, { email: "bob@example.org", token: "tok2" });
    expect(other.html).toBe(composer.renderWhole(content, { email: "bob@example.org", token: "tok2" }).html);
    expect(composer.stats()).toEqual({ paperBlocks: 5, frames: 1 });
  });

  it("renders the template as React Email's own render does, apart from React's streaming markers", async () => {
    const props = DigestEmail.PreviewProps;
    // Stream rendering marks text-node boundaries and suspense/document edges with comments; nothing else differs.
    const reference = (await render(createElement(DigestEmail, props))).replace(
      /<!--(?: |\$|\/\$|html|head|body)-->/g,
      "",
    );
    expect(DOCTYPE + renderToStaticMarkup(createElement(DigestEmail, props))).toBe(reference);
  });

  it("writes characters past Latin-1 in the HTML as numeric references and keeps them in the text", () => {
    const wide = paper(6, "Emoji 🎥 — “quoted” 日本 and Zoë");
    const message = createDigestComposer({ siteUrl: site }).compose(
      { ...content, sections: [{ heading: "New for your saved search Ω-net", papers: [wide] }] },
      reader,
    );
    // A string with one such character is stored at two bytes per character; the HTML is most of a batch.
    expect(message.html).not.toMatch(/[\u0100-\u{10ffff}]/u);
    expect(message.html).toContain("Emoji &#127909; &#8212; &#8220;quoted&#8221; &#26085;&#26412; and Zoë");
    expect(message.html).toContain("New for your saved search &#937;-net");
    expect(message.text).toContain("Emoji 🎥 — “quoted” 日本 and Zoë");
  });

  it("escapes imported titles in the HTML and keeps markup out of the text part's structure", () => {
    const message = createDigestComposer({ siteUrl: site }).compose(content, reader);
    expect(message.html).not.toContain("<script>");
    expect(message.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;");
    expect(message.html).toContain("Because you follow Video &lt;understanding&gt;");
    expect(message.text).toContain(
      `<script>alert(1)</script> & "quotes"\nTrending among the newest papers\nAbstract of paper 1 with <b>markup</b>`,
    );
    expect(message.text).not.toMatch(/<(a|p|div|table|td|span|html|body)\b/i);
    expect(message.text).toContain("Emoji 🎥 Benchmark Second line\n");
  });

  it("carries the paper pages, code links, a visible unsubscribe and preferences link, and RFC 8058 headers", () => {
    const message = createDigestComposer({ siteUrl: site }).compose(content, reader);
    const token = encodeURIComponent(reader.token);
    expect(message.subject).toBe(`PaperPulse: 5 trending papers — <script>alert(1)</script> & "quotes"`);
    expect(message.headers).toEqual({
      "List-Unsubscribe": `<${site}/api/unsubscribe/${token}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    for (const part of [message.html, message.text]) {
      expect(part).toContain(`${site}/unsubscribe/${token}`);
      expect(part).toContain(`${site}/preferences/${token}`);
      expect(part).toContain(`${site}/papers/paper-3`);
      expect(part).toContain("https://github.com/example/script-paper");
    }
    expect(message.html).toContain(`href="${site}/unsubscribe/${token}"`);
  });
});

describe("the digest's header, colours and why-lines", () => {
  const voted = (id: number, title: string, upvotes: number, upstreamUpvotes = 0): DigestPaper => ({
    ...paper(id, title),
    upvotes,
    upstreamUpvotes,
  });
  const withReasons: DigestContent = {
    heading: "Trending papers for 2025-05-01",
    top: [voted(1, "One vote", 1), voted(2, `<img src=x onerror=alert(1)> & "title"`, 12, 40)],
    sections: [
      { heading: "Because you follow Video", papers: [paper(3, "Video paper")], why: () => "In your topic Video" },
      {
        heading: "New for your saved search <b>diffusion</b>",
        papers: [paper(4, "Search paper")],
        why: () => "Matches your saved search <b>diffusion</b>",
      },
      {
        heading: "New from authors you follow",
        papers: [paper(5, "Author paper"), paper(6, "Co-authored paper")],
        why: (p) => (p.id === 5 ? "New from Ada Lovelace" : "New from Ada Lovelace and Alan Turing"),
      },
    ],
  };

  it("opens with the PaperPulse name and a text mark linked to the site, in HTML and text", () => {
    const message = createDigestComposer({ siteUrl: site }).compose(withReasons, reader);
    const body = message.html.slice(message.html.indexOf("<body"));
    expect(body.indexOf(`href="${site}"`)).toBeLessThan(body.indexOf("<h1"));
    expect(body).toMatch(/<span[^>]*aria-hidden="true"[^>]*>P<\/span><span[^>]*>PaperPulse<\/span>/);
    // No image at all: data: URIs are dropped by Gmail and Outlook, remote ones held back by most clients.
    expect(message.html).not.toMatch(/<img\b/);
    expect(message.text.startsWith("PaperPulse\n\nTrending papers for 2025-05-01\n")).toBe(true);
  });

  it("declares light and dark support and recolours links for each scheme, with mid-tone inline colours", () => {
    const { html } = createDigestComposer({ siteUrl: site }).compose(withReasons, reader);
    expect(html).toContain('<meta name="color-scheme" content="light dark"/>');
    expect(html).toContain('<meta name="supported-color-schemes" content="light dark"/>');
    expect(html).toMatch(/@media \(prefers-color-scheme: dark\) \{ \.pp-link \{ color: #7dd3fc !important; \}/);
    expect(html).toMatch(/@media \(prefers-color-scheme: light\) \{ \.pp-link \{ color: #0369a1 !important; \}/);
    // The old dark blues, unreadable on near-black, are gone; every paper link carries the class.
    expect(html).not.toMatch(/#1d4ed8|#2563eb/);
    const titleLinks = html.match(/<a [^>]*href="https:\/\/papers\.example\.org\/papers\/[^"]*"[^>]*>/g) ?? [];
    expect(titleLinks.length).toBeGreaterThan(0);
    for (const tag of titleLinks) {
      expect(tag).toContain('class="pp-link"');
      expect(tag).toContain("color:#3a7cc4");
    }
  });

  it("says under each title why the paper is there: its upvotes, the topic, the saved search, the author", () => {
    const composer = createDigestComposer({ siteUrl: site });
    const message = composer.compose(withReasons, reader);
    const whyLines = [...message.html.matchAll(/<p class="pp-muted"[^>]*>([^<]*)<\/p>/g)].map((m) => m[1]);
    expect(whyLines).toEqual([
      "Trending with 1 upvote",
      "Trending with 12 upvotes, 40 on Hugging Face",
      "In your topic Video",
      "Matches your saved search &lt;b&gt;diffusion&lt;/b&gt;",
      "New from Ada Lovelace",
      "New from Ada Lovelace and Alan Turing",
    ]);
    expect(message.text).toContain("One vote\nTrending with 1 upvote\n");
    expect(message.text).toContain("Search paper\nMatches your saved search <b>diffusion</b>\n");
    expect(message.text).toContain("Co-authored paper\nNew from Ada Lovelace and Alan Turing\n");
    // Still the whole template's bytes, with the lines filled in per email.
    expect(message.html).toBe(composer.renderWhole(withReasons, reader).html);
    expect(message.text).toBe(composer.renderWhole(withReasons, reader).text);
  });

  it("keeps markup in titles and why-lines as text: escaped in HTML, never an element", () => {
    const { html } = createDigestComposer({ siteUrl: site }).compose(withReasons, reader);
    expect(html).not.toMatch(/<img|<b>/);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;title&quot;");
  });

  it("an 'Only my topics' email has no trending part and says so in its subject", () => {
    const composer = createDigestComposer({ siteUrl: site });
    const topicsOnly: DigestContent = {
      heading: "New in your topics for 2025-05-01",
      top: [],
      sections: [withReasons.sections[0]!],
    };
    const message = composer.compose(topicsOnly, reader);
    expect(message.subject).toBe("PaperPulse: 1 new paper in your topics — Video paper");
    expect(message.html).not.toContain("Trending with");
    expect(message.html).toContain("In your topic Video");
    expect(message.html).toBe(composer.renderWhole(topicsOnly, reader).html);
  });
});
