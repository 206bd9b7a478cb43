// The links a subscriber's emails carry: confirm, unsubscribe (page and one-click POST), preferences, papers.
import { configuredSiteUrl, siteUrlFromHeaders, type HeaderSource } from "../api/site-url";
import { env } from "../env";

/**
 * Emails are built outside any request (CLI, worker), so the site's address comes from SITE_URL,
 * else AUTH_URL, else the local default. Production sets SITE_URL to its https address: RFC 8058
 * one-click unsubscribe wants an https URL.
 */
export function emailSiteUrl(): string {
  return configuredSiteUrl() ?? configuredSiteUrl(env().AUTH_URL) ?? `http://localhost:${env().PORT}`;
}

const site = (origin?: string) => origin ?? emailSiteUrl();

export const subscriberLinks = {
  confirm: (token: string, origin?: string) => `${site(origin)}/subscribe/confirm/${encodeURIComponent(token)}`,
  /** The page with a button (mail scanners follow GETs, so a GET never unsubscribes). */
  unsubscribePage: (token: string, origin?: string) => `${site(origin)}/unsubscribe/${encodeURIComponent(token)}`,
  /** RFC 8058 one-click target for List-Unsubscribe (POST, body "List-Unsubscribe=One-Click"). */
  unsubscribeOneClick: (token: string, origin?: string) => `${site(origin)}/api/unsubscribe/${encodeURIComponent(token)}`,
  preferences: (token: string, origin?: string) => `${site(origin)}/preferences/${encodeURIComponent(token)}`,
  paper: (slug: string, origin?: string) => `${site(origin)}/papers/${encodeURIComponent(slug)}`,
};

/**
 * The origin for links in an email sent while answering a request (a subscribe form): SITE_URL, else
 * AUTH_URL, else the host the visitor used, as Auth.js does for sign-in links (trustHost). Set SITE_URL
 * in production: then a forged Host header can never put another site's address into our emails.
 */
export function emailSiteUrlForRequest(headers: HeaderSource): string {
  return configuredSiteUrl() ?? configuredSiteUrl(env().AUTH_URL) ?? siteUrlFromHeaders(headers, emailSiteUrl());
}
