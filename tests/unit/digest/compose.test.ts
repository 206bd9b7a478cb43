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

  it("escapes imported titles in the HTML and keeps markup out of the text part's structure", () => {
    const message = createDigestComposer({ siteUrl: site }).compose(content, reader);
    expect(message.html).not.toContain("<script>");
    expect(message.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;");
    expect(message.html).toContain("Because you follow Video &lt;understanding&gt;");
    expect(message.text).toContain(`<script>alert(1)</script> & "quotes"\nAbstract of paper 1 with <b>markup</b>`);
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
