// The frame every PaperPulse email shares (colour-scheme meta, preview text, page, heading) and the account emails' button.
import { Body, Button, Container, Head, Heading, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import { button, container, heading, link, page, small } from "./styles";

type LayoutProps = {
  preview: string;
  children: ReactNode;
  /** The h1: the product name in account emails, the digest's own line in digests. */
  heading?: string;
  /** The digest is wider and its heading sits closer to the first paper. */
  containerStyle?: CSSProperties;
  headingStyle?: CSSProperties;
};

export function EmailLayout({
  preview,
  children,
  heading: headingText = "PaperPulse",
  containerStyle = container,
  headingStyle = heading,
}: LayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={page}>
        <Container style={containerStyle}>
          <Heading as="h1" style={headingStyle}>
            {headingText}
          </Heading>
          {children}
        </Container>
      </Body>
    </Html>
  );
}

/** A button, and the same link as copyable text for clients that do not show buttons. */
export function ButtonWithLink({ href, label }: { href: string; label: string }) {
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
