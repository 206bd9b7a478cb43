import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { KeyboardShortcuts } from "@/components/keyboard-shortcuts";
import { SEARCH_INPUT_ID, SiteHeader } from "@/components/site-header";
import { SiteFooter } from "@/components/site-footer";
import { currentUser } from "@/lib/auth/session";
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

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <a
          href="#main"
          className="sr-only rounded-md bg-zinc-900 px-3 py-2 text-sm text-white focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 dark:bg-zinc-100 dark:text-zinc-900"
        >
          Skip to content
        </a>
        <SiteHeader account={user && { email: user.email, isAdmin: user.role === "ADMIN" }} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-4 py-6 focus:outline-none sm:py-8">
          {children}
        </main>
        <SiteFooter subscribe={subscribeAction} />
        <KeyboardShortcuts searchInputId={SEARCH_INPUT_ID} />
      </body>
    </html>
  );
}
