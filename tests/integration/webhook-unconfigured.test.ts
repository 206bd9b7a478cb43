// POST /api/webhooks/resend without RESEND_WEBHOOK_SECRET: nothing can be verified, so nothing is accepted.
import { describe, expect, it } from "vitest";
import { POST } from "../../app/api/webhooks/resend/route";
import { signWebhook } from "../../lib/mail/webhook";

// This file's env() is parsed on the first request: make sure a developer's shell cannot configure it.
delete process.env.RESEND_WEBHOOK_SECRET;

describe("POST /api/webhooks/resend without a signing secret", () => {
  it("answers 503 webhooks not configured, even to a request that looks signed", async () => {
    const body = JSON.stringify({ type: "email.complained", data: { to: ["someone@example.org"] } });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      "svix-id": "msg_1",
      "svix-timestamp": String(timestamp),
      "svix-signature": signWebhook("whsec_c2VjcmV0", "msg_1", timestamp, body),
    };
    const response = await POST(new Request("http://localhost/api/webhooks/resend", { method: "POST", headers, body }));
    expect(response.status).toBe(503);
    expect((await response.json()).error).toMatch(/^webhooks not configured/);
  });
});
