// The replies to a subscribe request: "confirm your subscription" (double opt-in) and, for an address already subscribed, a pointer to its preferences.
import { Link, Text } from "@react-email/components";
import { ButtonWithLink, EmailLayout } from "./_shared/layout";
import { LINK_CLASS, link, paragraph, small } from "./_shared/styles";

export type ConfirmSubscriptionEmailProps = { confirmUrl: string; email: string; summary: string };
export type AlreadySubscribedEmailProps = { preferencesUrl: string; unsubscribeUrl: string; email: string };

export function ConfirmSubscriptionEmail({ confirmUrl, email, summary }: ConfirmSubscriptionEmailProps) {
  return (
    <EmailLayout preview="Confirm your PaperPulse subscription">
      <Text style={paragraph}>
        Someone, hopefully you, asked to send the PaperPulse paper digest to {email}: {summary}.
      </Text>
      <Text style={paragraph}>Nothing is sent until you confirm.</Text>
      <ButtonWithLink href={confirmUrl} label="Confirm subscription" />
      <Text style={small}>If you didn&apos;t ask for this, ignore this email: you will not hear from us again.</Text>
    </EmailLayout>
  );
}

ConfirmSubscriptionEmail.PreviewProps = {
  confirmUrl: "https://papers.example.org/subscribe/confirm/q9Xb2cA7dE4fG1hI0jK3lM6nO5pQ8rS2tU4vW6xY8zA",
  email: "ada@example.org",
  summary: "weekly digest on Mondays, topics: Video, Benchmarks & evaluation",
} satisfies ConfirmSubscriptionEmailProps;

/** Sent instead of a confirmation when the address is already subscribed: the page said "check your inbox" either way. */
export function AlreadySubscribedEmail({ preferencesUrl, unsubscribeUrl, email }: AlreadySubscribedEmailProps) {
  return (
    <EmailLayout preview="You are already subscribed to PaperPulse">
      <Text style={paragraph}>
        Someone, hopefully you, asked to subscribe {email} to the PaperPulse digest. This address is already subscribed,
        so nothing changed.
      </Text>
      <ButtonWithLink href={preferencesUrl} label="Manage preferences" />
      <Text style={small}>
        To stop the digest,{" "}
        <Link href={unsubscribeUrl} style={link} className={LINK_CLASS}>
          unsubscribe
        </Link>
        . If you didn&apos;t ask for this, ignore this email.
      </Text>
    </EmailLayout>
  );
}

AlreadySubscribedEmail.PreviewProps = {
  preferencesUrl: "https://papers.example.org/preferences/q9Xb2cA7dE4fG1hI0jK3lM6nO5pQ8rS2tU4vW6xY8zA",
  unsubscribeUrl: "https://papers.example.org/unsubscribe/q9Xb2cA7dE4fG1hI0jK3lM6nO5pQ8rS2tU4vW6xY8zA",
  email: "ada@example.org",
} satisfies AlreadySubscribedEmailProps;

export default ConfirmSubscriptionEmail;
