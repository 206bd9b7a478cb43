import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { applyForwardingPolicy, clientAddressOf } from "../../../lib/http/forwarded";
import { createRenderBudget } from "../../../lib/http/render-budget";
import { contentSecurityPolicy } from "../../../lib/http/security-headers";
import { hasSessionCookie, sessionTokens, withoutSessionCookies } from "../../../lib/http/session-cookie";

function request(headers: Record<string, string>, remoteAddress = "203.0.113.7"): IncomingMessage {
  return { headers: { ...headers }, socket: { remoteAddress } } as unknown as IncomingMessage;
}

describe("what a request may say about its origin and its client", () => {
  it("without a trusted proxy, X-Forwarded-For is ignored: the socket is the client", () => {
    expect(clientAddressOf(request({ "x-forwarded-for": "1.2.3.4" }), 0)).toBe("203.0.113.7");
    expect(clientAddressOf(request({}, "::ffff:10.0.0.5"), 0)).toBe("10.0.0.5");
  });

  it("with TRUST_PROXY=n, the client is the address the outermost trusted proxy saw (n-th from the right)", () => {
    const forged = request({ "x-forwarded-for": "6.6.6.6, 198.51.100.9" }, "10.0.0.2");
    expect(clientAddressOf(forged, 1)).toBe("198.51.100.9");
    expect(clientAddressOf(forged, 2)).toBe("6.6.6.6");
    // More hops trusted than there are: the left-most address, never undefined.
    expect(clientAddressOf(request({ "x-forwarded-for": "198.51.100.9" }, "10.0.0.2"), 5)).toBe("198.51.100.9");
  });

  it("Host and X-Forwarded-* are replaced by the configured origin before the app sees them", () => {
    const req = request({
      host: "evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      forwarded: "host=evil.example",
      "x-real-ip": "1.1.1.1",
      "x-forwarded-for": "9.9.9.9",
    });
    applyForwardingPolicy(req, { siteHost: "papers.example.org", trustProxy: 0 });
    expect(req.headers).toEqual({
      host: "papers.example.org",
      "x-forwarded-host": "papers.example.org",
      "x-forwarded-for": "203.0.113.7",
    });
  });

  it("a trusted proxy's protocol is kept; junk in it is not", () => {
    const req = request({ "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.9" });
    applyForwardingPolicy(req, { siteHost: "papers.example.org", trustProxy: 1 });
    expect(req.headers["x-forwarded-proto"]).toBe("https");
    expect(req.headers["x-forwarded-for"]).toBe("198.51.100.9");
    const junk = request({ "x-forwarded-proto": "javascript" });
    applyForwardingPolicy(junk, { siteHost: "papers.example.org", trustProxy: 1 });
    expect(junk.headers["x-forwarded-proto"]).toBeUndefined();
  });
});

describe("Auth.js session cookies as the page cache reads them", () => {
  it("recognises every name Auth.js reads: plain, chunked and __Secure-", () => {
    for (const cookie of [
      "authjs.session-token=abc",
      "authjs.session-token.0=abc",
      "theme=dark; __Secure-authjs.session-token=abc",
      "authjs.session-token=",
    ]) {
      expect(hasSessionCookie(cookie), cookie).toBe(true);
    }
    expect(hasSessionCookie("authjs.csrf-token=abc; authjs.callback-url=x")).toBe(false);
    expect(hasSessionCookie(undefined)).toBe(false);
  });

  it("joins chunks in their numeric order, as Auth.js does", () => {
    expect(
      sessionTokens(
        "authjs.session-token.1=def; authjs.session-token.0=abc; authjs.session-token.10=xyz; authjs.session-token.2=ghi",
      ),
    ).toEqual(["abcdefghixyz"]);
    expect(sessionTokens("authjs.session-token=")).toEqual([]);
    expect(sessionTokens("authjs.session-token=a; __Secure-authjs.session-token=b")).toEqual(["a", "b"]);
  });

  it("drops only the session cookies from the Cookie header", () => {
    expect(withoutSessionCookies("theme=dark; authjs.session-token.0=abc; authjs.csrf-token=x")).toBe(
      "theme=dark; authjs.csrf-token=x",
    );
    expect(withoutSessionCookies("authjs.session-token=abc")).toBeUndefined();
  });
});

describe("the render budget for cache misses", () => {
  function fakeClock() {
    let now = 0;
    const slept: number[] = [];
    return {
      clock: { now: () => now, sleep: async (ms: number) => void slept.push(ms) },
      advance: (ms: number) => (now += ms),
      slept,
    };
  }

  it("lets a burst of the per-second rate through at once, queues the next ones, and refuses past the queue", async () => {
    const { clock, slept } = fakeClock();
    const budget = createRenderBudget(10, 1, clock);
    for (let i = 0; i < 10; i++) expect(await budget.take()).toBe(true);
    expect(slept).toEqual([]);
    // The next ten wait 100 ms, 200 ms ... 1 s: one second of queue.
    for (let i = 0; i < 10; i++) expect(await budget.take()).toBe(true);
    expect(slept.map(Math.round)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(await budget.take()).toBe(false);
  });

  it("refills with time", async () => {
    const { clock, advance } = fakeClock();
    const budget = createRenderBudget(2, 0, clock);
    expect(await budget.take()).toBe(true);
    expect(await budget.take()).toBe(true);
    expect(await budget.take()).toBe(false);
    advance(500);
    expect(await budget.take()).toBe(true);
    expect(await budget.take()).toBe(false);
  });
});

describe("the Content-Security-Policy", () => {
  it("allows scripts only from this site or with the render's nonce, and no framing", () => {
    const policy = contentSecurityPolicy("abc123", { https: false, githubSignIn: false });
    const scriptSrc = policy.split("; ").find((directive) => directive.startsWith("script-src"))!;
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc123'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("n", { https: true, githubSignIn: true })).toContain(
      "form-action 'self' https://github.com",
    );
  });
});
