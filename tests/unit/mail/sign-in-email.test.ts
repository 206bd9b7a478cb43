import { createElement } from "react";
import { describe, expect, it } from "vitest";
import SignInEmailDefault, { SignInEmail } from "../../../emails/sign-in";
import { renderEmail } from "../../../lib/mail/render";
import { signInEmail } from "../../../lib/mail/sign-in-email";

const url = "https://papers.example.org/api/auth/callback/email?token=abc123&email=ada%40example.org";

describe("the sign-in email", () => {
  it("has the subject, a button to the link and the product name", async () => {
    const message = await signInEmail({ url, host: "papers.example.org" });
    expect(message.subject).toBe("Sign in to PaperPulse");
    expect(message.html).toContain(`href="${url.replace("&", "&amp;")}"`);
    expect(message.html).toMatch(/>Sign in to PaperPulse</);
    expect(message.html).toContain("PaperPulse</h1>");
  });

  it("shows the link as copyable text in both parts, and says it expires and works once", async () => {
    const { html, text } = await signInEmail({ url, host: "papers.example.org" });
    expect(html).toContain(`>${url.replace("&", "&amp;")}</a>`);
    expect(text).toContain(url);
    const notice = "This link expires in 10 minutes and works once. If you didn't ask for it, ignore this email.";
    expect(text).toContain(notice);
    expect(html).toContain(notice.replace("'", "&#x27;"));
  });

  it("carries no images and declares light and dark support for mail clients", async () => {
    const { html } = await signInEmail({ url, host: "papers.example.org" });
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('<meta name="color-scheme" content="light dark"/>');
    expect(html).toContain('lang="en"');
  });

  it("escapes a hostile link instead of letting it break out of the attribute", async () => {
    const { html } = await signInEmail({ url: `https://x.example/"><script>alert(1)</script>`, host: "x.example" });
    expect(html).not.toContain("<script>");
  });

  it("renders its preview fixture, and the default export is the same template", async () => {
    expect(SignInEmailDefault).toBe(SignInEmail);
    const { html, text } = await renderEmail(createElement(SignInEmail, SignInEmail.PreviewProps));
    expect(text).toContain(SignInEmail.PreviewProps.url);
    expect(html).toContain("papers.example.org");
  });
});
