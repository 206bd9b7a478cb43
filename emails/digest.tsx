// The digest email: the brand header, the top trending papers, a short section per followed topic, each paper
// saying why it is there, and the ways out (unsubscribe, preferences).
import { Heading, Hr, Link, Section, Text } from "@react-email/components";
import { EmailLayout } from "./_shared/layout";
import { LINK_CLASS, LINK_COLOUR, MUTED_CLASS, MUTED_COLOUR } from "./_shared/styles";

export type DigestEmailPaper = {
  id: number;
  title: string;
  /** About two lines of the abstract, plain text (lib/digest/excerpt.ts). */
  excerpt: string;
  /** The paper's page on PaperPulse. */
  url: string;
  codeUrl: string | null;
  /** Why it is in this email: "Trending with 12 upvotes", "In your topic Video"... (lib/digest/wording.ts). */
  why: string;
};

/** `heading` says why its papers are here: "Because you follow Video", "New from authors you follow"... (lib/digest/wording.ts). */
export type DigestEmailSection = { heading: string; papers: DigestEmailPaper[] };

export type DigestEmailProps = {
  /** "Trending papers for 2025-04-30" */
  heading: string;
  /** The inbox preview line. */
  preview: string;
  top: DigestEmailPaper[];
  sections: DigestEmailSection[];
  siteUrl: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
};

// Like the sign-in email (the shared frame, emails/_shared): no images and no page background, so dark-mode
// clients can recolour freely; links and the why-line use the shared mid-tones (readable on white and on
// near-black) with their classes, which clients honouring prefers-color-scheme recolour.
const container = { maxWidth: "600px", margin: "0 auto", padding: "0 20px" };
const heading = { fontSize: "22px", fontWeight: 600, margin: "0 0 8px" };
const sectionHeading = { fontSize: "17px", fontWeight: 600, margin: "28px 0 4px" };
const title = { fontSize: "16px", fontWeight: 600, lineHeight: "22px", margin: "18px 0 4px" };
const titleLink = { color: LINK_COLOUR, textDecoration: "none" };
const why = { fontSize: "13px", lineHeight: "18px", margin: "0 0 4px", color: MUTED_COLOUR };
const excerpt = { fontSize: "14px", lineHeight: "20px", margin: "0 0 4px" };
const small = { fontSize: "13px", lineHeight: "18px", margin: "0 0 8px" };
const link = { color: LINK_COLOUR };

/** One paper; exported so lib/digest/compose.ts can render each paper once per run and reuse it. */
export function PaperItem({ paper }: { paper: DigestEmailPaper }) {
  return (
    <Section>
      <Text style={title}>
        <Link href={paper.url} style={titleLink} className={LINK_CLASS}>
          {paper.title}
        </Link>
      </Text>
      <Text style={why} className={MUTED_CLASS}>
        {paper.why}
      </Text>
      <Text style={excerpt}>{paper.excerpt}</Text>
      <Text style={small}>
        <Link href={paper.url} style={link} className={LINK_CLASS}>
          Read on PaperPulse
        </Link>
        {paper.codeUrl ? (
          <>
            {" · "}
            <Link href={paper.codeUrl} style={link} className={LINK_CLASS}>
              Code
            </Link>
          </>
        ) : null}
      </Text>
    </Section>
  );
}

export function DigestEmail({
  heading: headingText,
  preview,
  top,
  sections,
  siteUrl,
  unsubscribeUrl,
  preferencesUrl,
}: DigestEmailProps) {
  return (
    <EmailLayout
      preview={preview}
      heading={headingText}
      containerStyle={container}
      headingStyle={heading}
      brand={{ siteUrl }}
    >
      {top.map((paper) => (
        <PaperItem key={paper.id} paper={paper} />
      ))}
      {sections.map((section) => (
        <Section key={section.heading}>
          {/* Say why these papers are here: the topic, authors or saved search the reader follows. */}
          <Heading as="h2" style={sectionHeading}>
            {section.heading}
          </Heading>
          {section.papers.map((paper) => (
            <PaperItem key={paper.id} paper={paper} />
          ))}
        </Section>
      ))}
      <Hr style={{ margin: "32px 0 16px" }} />
      <Text style={small}>
        You get this email because you subscribed to the PaperPulse digest at{" "}
        <Link href={siteUrl} style={link} className={LINK_CLASS}>
          {siteUrl}
        </Link>
        .
      </Text>
      <Text style={small}>
        <Link href={unsubscribeUrl} style={link} className={LINK_CLASS}>
          Unsubscribe
        </Link>
        {" · "}
        <Link href={preferencesUrl} style={link} className={LINK_CLASS}>
          Change topics or frequency
        </Link>
      </Text>
    </EmailLayout>
  );
}

const site = "https://papers.example.org";
const fixturePaper = (
  id: number,
  title: string,
  excerptText: string,
  codeUrl: string | null,
  whyText: string,
): DigestEmailPaper => ({
  id,
  title,
  excerpt: excerptText,
  url: `${site}/papers/${id}-${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 40)}`,
  codeUrl,
  why: whyText,
});

DigestEmail.PreviewProps = {
  heading: "Trending papers for 2025-04-30",
  preview: "Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts, and 2 more",
  top: [
    fixturePaper(
      1,
      "Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts",
      "Recent advancements in Multimodal Large Language Models underscore the significance of scalable models and data to boost performance, yet this often incurs substantial…",
      "https://github.com/HITsz-TMG/UMOE-Scaling-Unified-Multimodal-LLMs",
      "Trending with 42 upvotes",
    ),
    fixturePaper(
      2,
      '<script>alert(1)</script> & "quotes" in a title',
      "Markup in imported titles is shown as text, never run.",
      null,
      "Trending with 1 upvote",
    ),
  ],
  sections: [
    {
      heading: "Because you follow Video understanding",
      papers: [
        fixturePaper(
          3,
          "Watching Every Frame: A Long-Video Benchmark",
          "A benchmark of hour-long videos with questions that need every frame to answer.",
          null,
          "In your topic Video understanding",
        ),
      ],
    },
  ],
  siteUrl: site,
  unsubscribeUrl: `${site}/unsubscribe/tok_preview`,
  preferencesUrl: `${site}/preferences/tok_preview`,
} satisfies DigestEmailProps;

export default DigestEmail;
