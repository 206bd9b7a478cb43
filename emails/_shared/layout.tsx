// The frame and the call-to-action button of the account emails (sign-in, subscription confirmation).
import { Body, Button, Container, Head, Heading, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { button, container, heading, link, page, small } from "./styles";

export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
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
