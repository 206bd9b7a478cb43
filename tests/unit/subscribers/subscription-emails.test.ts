// The subscribe replies: a clear button to the confirm link in HTML, the same link in the text part.
import { describe, expect, it } from "vitest";
import { alreadySubscribedEmail, confirmSubscriptionEmail } from "../../../lib/subscribers/subscription-emails";

const token = "q9Xb2cA7dE4fG1hI0jK3lM6nO5pQ8rS2tU4vW6xY8zA";

describe("subscription emails", () => {
  it("the confirmation has a Confirm subscription button to /subscribe/confirm/<token>, in both parts", async () => {
    const email = await confirmSubscriptionEmail({
      token,
      email: "ada@example.org",
      summary: "daily digest, all topics",
      origin: "https://papers.example.org",
    });
    const url = `https://papers.example.org/subscribe/confirm/${token}`;
    expect(email.subject).toBe("Confirm your PaperPulse subscription");
    expect(email.html).toMatch(new RegExp(`<a[^>]+href="${url}"[^>]*>[\\s\\S]*?Confirm subscription`));
    expect(email.text).toContain(url);
    expect(email.text).toContain("daily digest, all topics");
  });

  it("the already-subscribed notice links to preferences and unsubscribe, and to no confirm page", async () => {
    const email = await alreadySubscribedEmail({
      token,
      email: "ada@example.org",
      origin: "https://papers.example.org",
    });
    expect(email.text).toContain(`https://papers.example.org/preferences/${token}`);
    expect(email.text).toContain(`https://papers.example.org/unsubscribe/${token}`);
    expect(email.text).not.toContain("/subscribe/confirm/");
  });
});
