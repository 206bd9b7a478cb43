// The subscribe replies, rendered: subject and both bodies, ready for sendMail.
import { createElement } from "react";
import { AlreadySubscribedEmail, ConfirmSubscriptionEmail } from "../../emails/confirm-subscription";
import { renderEmail } from "../mail/render";
import { subscriberLinks } from "./links";

const CONFIRM_SUBJECT = "Confirm your PaperPulse subscription";
const ALREADY_SUBSCRIBED_SUBJECT = "You are already subscribed to PaperPulse";

export type RenderedMessage = { subject: string; html: string; text: string };

export async function confirmSubscriptionEmail({
  token,
  email,
  summary,
  origin,
}: {
  token: string;
  email: string;
  summary: string;
  origin?: string;
}): Promise<RenderedMessage> {
  const confirmUrl = subscriberLinks.confirm(token, origin);
  return {
    subject: CONFIRM_SUBJECT,
    ...(await renderEmail(createElement(ConfirmSubscriptionEmail, { confirmUrl, email, summary }))),
  };
}

export async function alreadySubscribedEmail({
  token,
  email,
  origin,
}: {
  token: string;
  email: string;
  origin?: string;
}): Promise<RenderedMessage> {
  const props = {
    preferencesUrl: subscriberLinks.preferences(token, origin),
    unsubscribeUrl: subscriberLinks.unsubscribePage(token, origin),
    email,
  };
  return { subject: ALREADY_SUBSCRIBED_SUBJECT, ...(await renderEmail(createElement(AlreadySubscribedEmail, props))) };
}
