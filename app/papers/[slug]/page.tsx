import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { AuthorNames } from "@/components/author-names";
import { FollowAuthorPicker } from "@/components/follow-author-picker";
import { LinkedText } from "@/components/linked-text";
import { excerpt, formatDate, formatLongDate } from "@/components/format";
import { PaperList } from "@/components/paper-card";
import { SignedInSwitch } from "@/components/signed-in-switch";
import { TagList } from "@/components/tag-list";
import { bibtexFor } from "@/lib/papers/bibtex";
import { paperBySlug } from "@/lib/papers/paper";
import { similarPapers } from "@/lib/papers/similar";
import { tagsForPaper } from "@/lib/tags/queries";
import { paperReactions } from "@/lib/votes/reactions";
import { CiteBox } from "./_components/cite-box";
import { PaperLinks } from "./_components/paper-links";
import { ReactionButtons } from "./_components/reaction-buttons";
import { TagEditor } from "./_components/tag-editor";
import { siteOrigin } from "@/lib/site-origin";
import { followAuthorAction } from "../../authors/actions";

type Props = { params: Promise<{ slug: string }> };

const SIMILAR_COUNT = 5;

// generateMetadata and the page both need the paper: one query per request.
const loadPaper = cache(async (slug: string) => paperBySlug(slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const paper = await loadPaper(slug);
  if (!paper) return { title: "Paper not found" };
  const url = `${siteOrigin()}/papers/${paper.slug}`;
  const description = excerpt(paper.abstract, 200);
  return {
    title: paper.title,
    description,
    alternates: { canonical: url },
    openGraph: { type: "article", title: paper.title, description, url, siteName: "PaperPulse" },
    twitter: { card: "summary", title: paper.title, description },
  };
}

export default async function PaperPage({ params }: Props) {
  await connection(); // the catalogue changes at import time: render per request
  const { slug } = await params;
  const paper = await loadPaper(slug);
  if (!paper) notFound();
  // The same page for every reader (the page cache serves it to all): no session is read here. The
  // reader's votes, saves and tags, and fresh counts, come from /api/me/state in the browser.
  const origin = siteOrigin();
  const [similar, reactions, tags] = await Promise.all([
    similarPapers(paper.id, SIMILAR_COUNT),
    paperReactions(null, paper.id), // its count is a first guess: votes do not clear the cached page
    tagsForPaper(paper.id),
  ]);
  const bibtex = bibtexFor(paper, origin);

  return (
    <article aria-labelledby="paper-heading" data-paper-id={paper.id}>
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-600 dark:text-zinc-400">
        <Link href={paper.digests[0] ? `/digests/${paper.digests[0]}` : "/"} className="hover:underline">
          <span aria-hidden="true">←</span>{" "}
          {paper.digests[0] ? `Digest of ${formatLongDate(paper.digests[0])}` : "Latest digest"}
        </Link>
      </nav>

      <h1 id="paper-heading" className="mt-3 text-2xl font-bold leading-tight tracking-tight sm:text-3xl">
        {paper.title}
      </h1>

      <dl className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
        <div className="flex gap-1">
          <dt>First seen</dt>
          <dd>
            <time dateTime={paper.firstSeen.slice(0, 10)}>{formatDate(paper.firstSeen)}</time>
          </dd>
        </div>
        {paper.arxivId && (
          <div className="flex gap-1">
            <dt>arXiv</dt>
            <dd>
              <a
                href={`https://arxiv.org/abs/${paper.arxivId}`}
                rel="noopener noreferrer"
                className="underline underline-offset-2 hover:text-zinc-900 dark:hover:text-zinc-100"
              >
                {paper.arxivId}
              </a>{" "}
              (
              <a
                href={`https://arxiv.org/pdf/${paper.arxivId}`}
                rel="noopener noreferrer"
                className="underline underline-offset-2 hover:text-zinc-900 dark:hover:text-zinc-100"
              >
                PDF
              </a>
              )
            </dd>
          </div>
        )}
        {paper.upstreamUpvotes > 0 && (
          <div className="flex gap-1">
            <dt>Hugging Face</dt>
            <dd>{paper.upstreamUpvotes.toLocaleString("en")} upvotes</dd>
          </div>
        )}
        {paper.authors.length > 0 && (
          <div className="flex basis-full gap-1">
            <dt>Authors</dt>
            <dd>
              <AuthorNames authors={paper.authorLinks ?? []} />
              {paper.authors.length > (paper.authorLinks?.length ?? 0)
                ? `, ${paper.authors.slice(paper.authorLinks?.length ?? 0).join(", ")}`
                : ""}
            </dd>
          </div>
        )}
      </dl>

      <div className="mt-4">
        <ReactionButtons paperId={paper.id} slug={paper.slug} upvotes={reactions.upvotes} />
      </div>
      <div className="mt-3">
        <SignedInSwitch
          signedIn={
            <FollowAuthorPicker
              authors={paper.authorLinks ?? []}
              signedIn
              returnTo={`/papers/${paper.slug}`}
              follow={followAuthorAction}
            />
          }
          signedOut={
            <FollowAuthorPicker
              authors={paper.authorLinks ?? []}
              signedIn={false}
              returnTo={`/papers/${paper.slug}`}
              follow={followAuthorAction}
            />
          }
        />
      </div>

      {paper.links.length > 0 && (
        <div className="mt-5">
          <PaperLinks links={paper.links} />
        </div>
      )}

      <section aria-labelledby="abstract-heading" className="mt-8">
        <h2 id="abstract-heading" className="text-lg font-semibold">
          Abstract
        </h2>
        <p className="mt-2 whitespace-pre-line leading-relaxed text-zinc-800 dark:text-zinc-200">
          <LinkedText text={paper.abstract} />
        </p>
      </section>

      <section aria-labelledby="tags-heading" className="mt-10">
        <h2 id="tags-heading" className="text-lg font-semibold">
          Tags
        </h2>
        <div className="mt-3 space-y-3">
          {tags.length > 0 ? (
            <TagList tags={tags} label="Tags on this paper" />
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">No tags yet.</p>
          )}
          <SignedInSwitch
            signedIn={
              <TagEditor paperId={paper.id} slug={paper.slug} tags={tags.map(({ slug, name }) => ({ slug, name }))} />
            }
            signedOut={
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                <Link
                  href={`/signin?callbackUrl=${encodeURIComponent(`/papers/${paper.slug}`)}`}
                  className="text-sky-700 underline dark:text-sky-400"
                >
                  Sign in
                </Link>{" "}
                to add your own tags.
              </p>
            }
          />
        </div>
      </section>

      {paper.digests.length > 0 && (
        <section aria-labelledby="digests-heading" className="mt-10">
          <h2 id="digests-heading" className="text-lg font-semibold">
            Appeared in
          </h2>
          <ul className="mt-3 flex flex-wrap gap-2">
            {paper.digests.map((date) => (
              <li key={date}>
                <Link
                  href={`/digests/${date}`}
                  prefetch={false}
                  className="inline-block rounded-full border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                >
                  Digest of <time dateTime={date}>{formatDate(date)}</time>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <CiteBox bibtex={bibtex} />

      <section aria-labelledby="similar-heading" className="mt-10">
        <h2 id="similar-heading" className="text-lg font-semibold">
          Similar papers
        </h2>
        {similar.length > 0 ? (
          <PaperList papers={similar} headingLevel={3} />
        ) : (
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No similar papers in the catalogue yet.</p>
        )}
      </section>
    </article>
  );
}
