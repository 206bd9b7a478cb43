// Methods a route does not handle, sent to the real server: Next answers 405 before any of our code runs.
import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");

function send(method: string, path: string) {
  const body = method === "GET" || method === "HEAD" ? undefined : "{}";
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { origin: baseUrl, "content-type": "application/json" },
    body,
    redirect: "manual",
  });
}

describe("HTTP methods", () => {
  it.each([
    ["POST", "/api/papers"],
    ["PUT", "/api/papers"],
    ["DELETE", "/api/papers"],
    ["GET", "/api/webhooks/resend"],
    ["PUT", "/api/webhooks/resend"],
  ])("%s %s gets 405", async (method, path) => {
    const response = await send(method, path);
    expect(response.status).toBe(405);
  });

  it("the methods the routes do handle are answered by them", async () => {
    const papers = await send("GET", "/api/papers?pageSize=1");
    expect(papers.status).toBe(200);
    expect((await papers.json()).papers).toHaveLength(1);
    // The browser-test server has no RESEND_WEBHOOK_SECRET: the route itself says it is not configured.
    expect((await send("POST", "/api/webhooks/resend")).status).toBe(503);
  });
});
