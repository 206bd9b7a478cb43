// The links a subscriber's emails carry: confirm, unsubscribe (page and one-click POST), preferences, papers.
import { siteOrigin } from "../site-origin";

/**
 * Emails are built outside any request (CLI, worker) or while answering one (a subscribe form); either
 * way the links use the configured origin (lib/site-origin.ts), never the request's Host. Production
 * sets SITE_URL to its https address: RFC 8058 one-click unsubscribe wants an https URL.
 */
export function emailSiteUrl(): string {
  return siteOrigin();
}

const site = (origin?: string) => origin ?? emailSiteUrl();

export const subscriberLinks = {
  confirm: (token: string, origin?: string) => `${site(origin)}/subscribe/confirm/${encodeURIComponent(token)}`,
  /** The page with a button (mail scanners follow GETs, so a GET never unsubscribes). */
  unsubscribePage: (token: string, origin?: string) => `${site(origin)}/unsubscribe/${encodeURIComponent(token)}`,
  /** RFC 8058 one-click target for List-Unsubscribe (POST, body "List-Unsubscribe=One-Click"). */
  unsubscribeOneClick: (token: string, origin?: string) =>
    `${site(origin)}/api/unsubscribe/${encodeURIComponent(token)}`,
  preferences: (token: string, origin?: string) => `${site(origin)}/preferences/${encodeURIComponent(token)}`,
  paper: (slug: string, origin?: string) => `${site(origin)}/papers/${encodeURIComponent(slug)}`,
};
