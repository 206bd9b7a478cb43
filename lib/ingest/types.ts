// Owns the shapes the digest parser hands to the importer and the tests.

export type LinkKind = "CODE" | "PROJECT" | "DATASET" | "OTHER";

export type ParsedLink = { url: string; kind: LinkKind };

export type ParsedPaper = {
  /** NFC, single spaces, trimmed. */
  title: string;
  /** NFC; wrapped lines and paragraphs joined with single spaces. */
  abstract: string;
  /** Every http(s) URL in the abstract, trailing punctuation stripped, de-duplicated, in order. */
  links: ParsedLink[];
  /** From an arxiv.org/abs|pdf link in the abstract, e.g. "2405.11273". */
  arxivId: string | null;
  titleKey: string;
  slug: string;
  /** 1-based line number of the title line in the file (for JSON: the entry's 1-based index). */
  line: number;
  /** Author names in order; absent when the source does not list them (text digests). */
  authors?: string[];
  /** The source's own upvote count (Hugging Face); absent or null when it has none. */
  upstreamUpvotes?: number | null;
};

/** The two digest formats, told apart by content (see parse-any.ts); stored on ImportRun.format. */
export type DigestFormat = "TEXT" | "HF_JSON";

export type Problem = { line: number; message: string };

export type DigestEvent =
  /** First event of parseAnyDigest's stream: which parser read the file. */
  | { type: "format"; format: DigestFormat }
  /**
   * line is null when the date came from options.date and the file has no date line; fallback is true
   * when the file gave no date at all and options.fallbackDate stands in for it.
   */
  | { type: "date"; date: string; line: number | null; fallback?: true }
  | { type: "paper"; paper: ParsedPaper }
  /** skipsPaper: the problem cost a paper (no abstract, duplicate); otherwise a warning. */
  | { type: "problem"; problem: Problem; skipsPaper: boolean };

export type ParseOptions = {
  /** YYYY-MM-DD, the import day; injected so the parser never reads the clock. */
  today: string;
  /** YYYY-MM-DD override (--date); wins over the file's date line. */
  date?: string;
  /**
   * YYYY-MM-DD used when neither `date` nor the file gives one, instead of refusing the file: the admin
   * preview shows such a file's papers and lets the admin choose its date afterwards.
   */
  fallbackDate?: string;
  /**
   * Report repeated titles (default true). Remembering every title costs memory that grows
   * with the file; the importer turns this off and finds repeats in its staging table.
   */
  detectDuplicates?: boolean;
};
