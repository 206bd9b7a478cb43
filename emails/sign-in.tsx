// The magic-link email: one button, the same link as copyable text, and what to do if it was not you.
import { Body, Button, Container, Head, Heading, Html, Link, Preview, Section, Text } from "@react-email/components";

export type SignInEmailProps = { url: string; host: string };

// No images and no background colours on the page: dark-mode clients recolour text and page
// freely, so only the button carries its own colours (white on a blue dark enough for both modes).
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

export function SignInEmail({ url, host }: SignInEmailProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
      </Head>
      <Preview>Your sign-in link for PaperPulse</Preview>
      <Body style={page}>
        <Container style={container}>
          <Heading as="h1" style={heading}>
            PaperPulse
          </Heading>
          <Text style={paragraph}>Use this link to sign in to PaperPulse at {host}.</Text>
          <Section style={{ margin: "0 0 24px" }}>
            <Button href={url} style={button}>
              Sign in to PaperPulse
            </Button>
          </Section>
          <Text style={small}>Or copy this link into your browser:</Text>
          <Text style={small}>
            <Link href={url} style={link}>
              {url}
            </Link>
          </Text>
          <Text style={small}>This link expires in 10 minutes and works once. If you didn&apos;t ask for it, ignore this email.</Text>
        </Container>
      </Body>
    </Html>
  );
}

SignInEmail.PreviewProps = {
  url: "https://papers.example.org/api/auth/callback/email?token=3f9c2a7d1e&email=ada%40example.org",
  host: "papers.example.org",
} satisfies SignInEmailProps;

export default SignInEmail;
