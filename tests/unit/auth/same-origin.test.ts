// The cross-site guard on mutation routes.
import { describe, expect, it } from "vitest";
import { isSameOrigin } from "../../../lib/api/same-origin";

const headers = (values: Record<string, string>) => new Headers(values);

describe("cross-site request guard", () => {
  it("accepts a browser request from the site itself", () => {
    expect(isSameOrigin(headers({ host: "localhost:3000", origin: "http://localhost:3000" }))).toBe(true);
    expect(isSameOrigin(headers({ host: "internal:3000", "x-forwarded-host": "papers.example.org", origin: "https://papers.example.org" }))).toBe(true);
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
