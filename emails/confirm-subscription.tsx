// The replies to a subscribe request: "confirm your subscription" (double opt-in) and, for an address already subscribed, a pointer to its preferences.
import { Body, Button, Container, Head, Heading, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export type ConfirmSubscriptionEmailProps = { confirmUrl: string; email: string; summary: string };
export type AlreadySubscribedEmailProps = { preferencesUrl: string; unsubscribeUrl: string; email: string };

// Same look as the sign-in email: no images or page colours (dark-mode clients recolour them),
// only the button carries its own colours.
const page = { fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" };
const container = { maxWidth: "480px", margin: "0 auto", padding: "0 20px" };
const heading = { fontSize: "22px", fontWeight: 600, margin: "0 0 16px" };
const paragraph = { fontSize: "16px", lineHeight: "24px", margin: "0 0 16px" };
const button = {
  backgroundColor: "#1d4ed8",
  borderRadius: "6px",
  color: "#ffffff",
  fontSize: "16px",
  fontWeight: 600,
  padding: "12px 20px",
  textDecoration: "none",
  display: "inline-block",
};
const small = { fontSize: "14px", lineHeight: "20px", margin: "0 0 12px" };
const link = { color: "#2563eb", wordBreak: "break-all" as const };

function Layout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={page}>
        <Container style={container}>
          <Heading as="h1" style={heading}>
            PaperPulse
          </Heading>
          {children}
        </Container>
      </Body>
    </Html>
  );
}

function ButtonWithLink({ href, label }: { href: string; label: string }) {
  return (
    <>
      <Section style={{ margin: "0 0 24px" }}>
        <Button href={href} style={button}>
          {label}
        </Button>
      </Section>
      <Text style={small}>Or copy this link into your browser:</Text>
      <Text style={small}>
        <Link href={href} style={link}>
          {href}
        </Link>
      </Text>
    </>
  );
}

export function ConfirmSubscriptionEmail({ confirmUrl, email, summary }: ConfirmSubscriptionEmailProps) {
  return (
    <Layout preview="Confirm your PaperPulse subscription">
      <Text style={paragraph}>
        Someone, hopefully you, asked to send the PaperPulse paper digest to {email}: {summary}.
      </Text>
      <Text style={paragraph}>Nothing is sent until you confirm.</Text>
      <ButtonWithLink href={confirmUrl} label="Confirm subscription" />
      <Text style={small}>If you didn&apos;t ask for this, ignore this email: you will not hear from us again.</Text>
    </Layout>
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
    <Layout preview="You are already subscribed to PaperPulse">
      <Text style={paragraph}>Someone, hopefully you, asked to subscribe {email} to the PaperPulse digest. This address is already subscribed, so nothing changed.</Text>
      <ButtonWithLink href={preferencesUrl} label="Manage preferences" />
      <Text style={small}>
        To stop the digest,{" "}
        <Link href={unsubscribeUrl} style={link}>
          unsubscribe
        </Link>
        . If you didn&apos;t ask for this, ignore this email.
      </Text>
    </Layout>
  );
}

AlreadySubscribedEmail.PreviewProps = {
  preferencesUrl: "https://papers.example.org/preferences/q9Xb2cA7dE4fG1hI0jK3lM6nO5pQ8rS2tU4vW6xY8zA",
  unsubscribeUrl: "https://papers.example.org/unsubscribe/q9Xb2cA7dE4fG1hI0jK3lM6nO5pQ8rS2tU4vW6xY8zA",
  email: "ada@example.org",
} satisfies AlreadySubscribedEmailProps;

export default ConfirmSubscriptionEmail;
