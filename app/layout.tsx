import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { KeyboardShortcuts } from "@/components/keyboard-shortcuts";
import { PersonalStateProvider } from "@/components/personal-state";
import { SEARCH_INPUT_ID, SiteHeader } from "@/components/site-header";
import { SiteFooter } from "@/components/site-footer";
import { ADMIN_HINT_COOKIE, HINT_COOKIE } from "@/lib/http/signed-in-hint";
import { siteOrigin } from "@/lib/site-origin";
import { subscribeAction } from "./subscribe/actions";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  return {
    metadataBase: new URL(siteOrigin()),
    title: { default: "PaperPulse", template: "%s · PaperPulse" },
    description: "Daily multimodal LLM papers: browse, search and follow what is new.",
    applicationName: "PaperPulse",
    openGraph: { siteName: "PaperPulse", type: "website" },
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

/**
 * Runs before the first paint: html[data-signed-in] from the signed-in hint (and html[data-admin] from the
 * admin hint beside it), so the cached page (the same for everyone) shows the right header and controls at
 * once (the `signed-in:` and `admin:` variants in globals.css).
 */
const SIGNED_IN_HINT_SCRIPT =
  `var c=document.cookie.split("; "),d=document.documentElement;` +
  `if(c.indexOf(${JSON.stringify(`${HINT_COOKIE}=1`)})>=0){d.setAttribute("data-signed-in","");` +
  `if(c.indexOf(${JSON.stringify(`${ADMIN_HINT_COOKIE}=1`)})>=0)d.setAttribute("data-admin","")}`;

/** This render's CSP nonce (lib/http/security-headers.ts): the one inline script of ours must carry it. */
async function scriptNonce(): Promise<string | undefined> {
  return /'nonce-([^']+)'/.exec((await headers()).get("content-security-policy") ?? "")?.[1];
}

// No session is read here or in any public page: the page cache serves the same bytes to every reader,
// and what is personal comes from /api/me/state in the browser (components/personal-state.tsx).
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = await scriptNonce();
  return (
    // The head script adds data-signed-in before React hydrates: an expected difference.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* A constant of ours, not content: nothing from a digest or a request reaches it. */}
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: SIGNED_IN_HINT_SCRIPT }} />
      </head>
      <body className="flex min-h-screen flex-col bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <a
          href="#main"
          className="sr-only rounded-md bg-zinc-900 px-3 py-2 text-sm text-white focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 dark:bg-zinc-100 dark:text-zinc-900"
        >
          Skip to content
        </a>
        <PersonalStateProvider>
          <SiteHeader />
          <main
            id="main"
            tabIndex={-1}
            className="mx-auto w-full max-w-3xl flex-1 px-4 py-6 focus:outline-none sm:py-8"
          >
            {children}
          </main>
          <SiteFooter subscribe={subscribeAction} />
        </PersonalStateProvider>
        <KeyboardShortcuts searchInputId={SEARCH_INPUT_ID} />
      </body>
    </html>
  );
}
