// The cross-site guard on mutation routes.
import { afterEach, describe, expect, it } from "vitest";
import { isSameOrigin } from "../../../lib/api/same-origin";

const headers = (values: Record<string, string>) => new Headers(values);

describe("cross-site request guard", () => {
  it("accepts a browser request from the site itself", () => {
    expect(isSameOrigin(headers({ host: "localhost:3000", origin: "http://localhost:3000" }))).toBe(true);
    expect(
      isSameOrigin(
        headers({
          host: "internal:3000",
          "x-forwarded-host": "papers.example.org",
          origin: "https://papers.example.org",
        }),
      ),
    ).toBe(true);
  });

  it("refuses a request another site's page sent", () => {
    expect(isSameOrigin(headers({ host: "localhost:3000", origin: "https://evil.example" }))).toBe(false);
    expect(isSameOrigin(headers({ host: "localhost:3000", origin: "null" }))).toBe(false);
    expect(isSameOrigin(headers({ host: "localhost:3000", origin: "not a url" }))).toBe(false);
    expect(isSameOrigin(headers({ host: "localhost:3000", "sec-fetch-site": "cross-site" }))).toBe(false);
  });

  it("lets non-browser clients (no Origin, no Sec-Fetch-Site) through to the session check", () => {
    expect(isSameOrigin(headers({ host: "localhost:3000" }))).toBe(true);
  });
});

describe("cross-site request guard with SITE_URL set", () => {
  afterEach(() => {
    delete process.env.SITE_URL;
  });

  it("accepts the configured site's pages behind a proxy that passes on neither Host nor X-Forwarded-Host", () => {
    process.env.SITE_URL = "https://papers.example.org";
    expect(isSameOrigin(headers({ host: "127.0.0.1:3000", origin: "https://papers.example.org" }))).toBe(true);
    process.env.SITE_URL = "https://example.org/papers/";
    expect(isSameOrigin(headers({ host: "127.0.0.1:3000", origin: "https://example.org" }))).toBe(true);
  });

  it("refuses other sites, look-alike hosts and other ports", () => {
    process.env.SITE_URL = "https://papers.example.org";
    expect(isSameOrigin(headers({ host: "127.0.0.1:3000", origin: "https://evil.example" }))).toBe(false);
    expect(isSameOrigin(headers({ host: "127.0.0.1:3000", origin: "https://papers.example.org.evil.example" }))).toBe(
      false,
    );
    expect(isSameOrigin(headers({ host: "127.0.0.1:3000", origin: "https://papers.example.org:8443" }))).toBe(false);
    expect(isSameOrigin(headers({ host: "127.0.0.1:3000", origin: "null" }))).toBe(false);
  });
});
