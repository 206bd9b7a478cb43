// Auth.js: magic links through our mail module, GitHub when configured, database sessions.
import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import { db } from "../db/prisma";
import { env } from "../env";
import { sendMail } from "../mail/send";
import { siteOrigin } from "../site-origin";
import { signInEmail } from "../mail/sign-in-email";
import { logAuthError } from "./auth-logger";
import { safeCallbackPath } from "./redirect";
import { promoteConfiguredAdmin } from "./roles";
import { authSecret } from "./secret";

const MAGIC_LINK_MAX_AGE_SECONDS = 10 * 60;

/**
 * Auth.js builds magic links and checks callbacks against AUTH_URL when it is set, and against the
 * request's Host / X-Forwarded-Host when it is not (how a forged header once mailed a victim a link to
 * another site). So it is always set, from the one configured origin.
 */
function pinAuthUrl(): void {
  process.env.AUTH_URL = new URL(siteOrigin()).origin;
}
pinAuthUrl();

function providers(): Provider[] {
  const list: Provider[] = [
    {
      id: "email",
      type: "email",
      name: "Email",
      from: env().MAIL_FROM,
      maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
      options: {},
      // Auth.js's own Resend provider would call the Resend API itself; ours goes through lib/mail
      // (Resend when RESEND_API_KEY is set, the local outbox otherwise).
      async sendVerificationRequest({ identifier, url }) {
        const message = await signInEmail({ url, host: new URL(url).host });
        const sent = await sendMail({ to: identifier, ...message });
        if (!sent.ok) throw new Error(`Could not send the sign-in email: ${sent.error}`);
      },
    },
  ];
  const { AUTH_GITHUB_ID, AUTH_GITHUB_SECRET } = env();
  if (AUTH_GITHUB_ID && AUTH_GITHUB_SECRET)
    list.push(GitHub({ clientId: AUTH_GITHUB_ID, clientSecret: AUTH_GITHUB_SECRET }));
  return list;
}

/** Whether the sign-in page offers GitHub. */
export function githubSignInEnabled(): boolean {
  return Boolean(env().AUTH_GITHUB_ID && env().AUTH_GITHUB_SECRET);
}

// A function, so the adapter (and its database client) is built on the first request, not at `next build`;
// built once per process after that (Auth.js calls it on every request: no file read or adapter per request).
let built: NextAuthConfig | undefined;
function config(): NextAuthConfig {
  pinAuthUrl();
  return (built ??= {
    // Prisma 7's generated client is not the @prisma/client type the adapter was typed against.
    adapter: PrismaAdapter(db() as unknown as Parameters<typeof PrismaAdapter>[0]),
    secret: authSecret(),
    // The request URL Auth.js sees is rewritten to AUTH_URL (pinned above), so no header chooses the host.
    trustHost: true,
    session: { strategy: "database", maxAge: 30 * 86_400 },
    providers: providers(),
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin/error" },
    logger: { error: logAuthError },
    callbacks: {
      // A path, not an absolute URL: Next presents 127.0.0.1 to Auth.js as "localhost", and an absolute
      // redirect would move the browser to a host where its new session cookie does not exist.
      redirect: ({ url, baseUrl }) => safeCallbackPath(url, baseUrl),
      session: ({ session, user }) => {
        const role = (user as { role?: string }).role === "ADMIN" ? "ADMIN" : "USER";
        return { ...session, user: { ...session.user, id: user.id, role } };
      },
    },
    events: {
      signIn: async ({ user }) => promoteConfiguredAdmin(user.email),
    },
  });
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
