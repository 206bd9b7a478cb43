// The frame every PaperPulse email shares (colour-scheme meta and styles, preview text, page, brand header,
// heading) and the account emails' button.
import { Body, Button, Container, Head, Heading, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import { BRAND_BLUE, button, COLOUR_SCHEME_CSS, container, heading, LINK_CLASS, link, page, small } from "./styles";

type LayoutProps = {
  preview: string;
  children: ReactNode;
  /** The h1: the product name in account emails, the digest's own line in digests. */
  heading?: string;
  /** The digest is wider and its heading sits closer to the first paper. */
  containerStyle?: CSSProperties;
  headingStyle?: CSSProperties;
  /** The name and mark above the heading, linked to the site (the digest, whose h1 is its own line). */
  brand?: { siteUrl: string };
};

const brandRow = { margin: "0 0 20px" };
// The mark is text, not an image: Gmail and Outlook drop data: URI images, most clients hold back remote
// ones until asked, and SVG is shown almost nowhere. A blue rounded square with a white P (5.9:1) stands in
// for app/icon.svg and shows with images off and in either colour scheme.
const brandMark = {
  display: "inline-block",
  width: "24px",
  height: "24px",
  lineHeight: "24px",
  borderRadius: "6px",
  backgroundColor: BRAND_BLUE,
  color: "#ffffff",
  fontSize: "15px",
  fontWeight: 700,
  textAlign: "center" as const,
  verticalAlign: "middle",
};
const brandName = { fontSize: "17px", fontWeight: 700, marginLeft: "8px", verticalAlign: "middle" };

/** "[P] PaperPulse" at the top of the email. */
function BrandHeader({ siteUrl }: { siteUrl: string }) {
  return (
    <Section style={brandRow}>
      <Link href={siteUrl} style={{ color: "inherit", textDecoration: "none" }}>
        <span style={brandMark} aria-hidden="true">
          P
        </span>
        <span style={brandName}>PaperPulse</span>
      </Link>
    </Section>
  );
}

export function EmailLayout({
  preview,
  children,
  heading: headingText = "PaperPulse",
  containerStyle = container,
  headingStyle = heading,
  brand,
}: LayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <style>{COLOUR_SCHEME_CSS}</style>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={page}>
        <Container style={containerStyle}>
          {brand && <BrandHeader siteUrl={brand.siteUrl} />}
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
        <Link href={href} style={link} className={LINK_CLASS}>
          {href}
        </Link>
      </Text>
    </>
  );
}
