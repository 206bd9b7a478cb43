// The sign-in (magic link) message: subject and both bodies, ready for sendMail.
import { createElement } from "react";
import { SignInEmail } from "../../emails/sign-in";
import { renderEmail } from "./render";

const SIGN_IN_SUBJECT = "Sign in to PaperPulse";

export async function signInEmail({
  url,
  host,
}: {
  url: string;
  host: string;
}): Promise<{ subject: string; html: string; text: string }> {
  const { html, text } = await renderEmail(createElement(SignInEmail, { url, host }));
  return { subject: SIGN_IN_SUBJECT, html, text };
}
