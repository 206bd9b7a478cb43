// The subscribe form's schema: what a form posts, and the messages a person sees for bad input.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  inputFailure,
  preferencesInput,
  subscribeFields,
  subscribeInput,
} from "../../../lib/subscribers/subscribe-input";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe("subscribe input", () => {
  it("normalizes the address and defaults to Monday and all topics", () => {
    expect(subscribeInput.parse({ email: "  Ada@Example.ORG ", frequency: "daily" })).toEqual({
      email: "ada@example.org",
      frequency: "daily",
      weekday: 1,
      topics: [],
      keepTopics: false,
    });
  });

  it("reads repeated topic checkboxes and the weekday select from a posted form, dropping duplicate topics", () => {
    const fields = subscribeFields(
      form([
        ["email", "ada@example.org"],
        ["frequency", "weekly"],
        ["weekday", "5"],
        ["topics", "video"],
        ["topics", "Video"],
        ["topics", "agents"],
      ]),
    );
    expect(subscribeInput.parse(fields)).toEqual({
      email: "ada@example.org",
      frequency: "weekly",
      weekday: 5,
      topics: ["video", "agents"],
      keepTopics: false,
    });
  });

  it("treats an empty weekday as Monday, not Sunday", () => {
    expect(preferencesInput.parse({ frequency: "weekly", weekday: "" }).weekday).toBe(1);
  });

  it("a malformed address is reported on the email field with an example", () => {
    const parsed = subscribeInput.safeParse({ email: "ada@", frequency: "daily" });
    expect(parsed.success).toBe(false);
    const failure = inputFailure(parsed.error!);
    expect(failure.fieldErrors.email).toBe("Enter an email address like ada@example.org.");
    expect(failure.error).toBe(failure.fieldErrors.email);
  });

  it("a missing address, an unknown frequency and an out-of-range weekday each name their field", () => {
    const parsed = subscribeInput.safeParse({ frequency: "hourly", weekday: "9" });
    expect(Object.keys(inputFailure(parsed.error!).fieldErrors).sort()).toEqual(["email", "frequency", "weekday"]);
  });

  it("refuses more topics than the taxonomy could have", () => {
    const topics = Array.from({ length: 51 }, (_, i) => `topic-${i}`);
    expect(preferencesInput.safeParse({ frequency: "daily", topics }).success).toBe(false);
  });
});

describe("the digest's mode", () => {
  it("'Only my topics' with no topic is refused on the topics field with a message saying what to do", () => {
    const parsed = preferencesInput.safeParse({ frequency: "daily", mode: "topics", topics: [] });
    expect(parsed.success).toBe(false);
    expect(inputFailure(parsed.error!).fieldErrors.topics).toBe(
      '"Only my topics" needs at least one topic: choose one or more, or choose "Trending plus my topics".',
    );
  });

  it("'Only my topics' with a topic, and 'Trending plus my topics' with none, are both fine", () => {
    expect(preferencesInput.parse({ frequency: "daily", mode: "topics", topics: ["video"] }).mode).toBe("topics");
    expect(preferencesInput.parse({ frequency: "daily", mode: "trending", topics: [] }).mode).toBe("trending");
  });

  it("a form without the choice (the footer box) leaves the mode unset, so a subscription keeps its own", () => {
    const fields = subscribeFields(
      form([
        ["email", "ada@example.org"],
        ["frequency", "daily"],
        ["keepTopics", "1"],
      ]),
    );
    expect(subscribeInput.parse(fields).mode).toBeUndefined();
  });

  it("the token form's schema keeps the rule", () => {
    const withToken = preferencesInput.safeExtend({ token: z.string() });
    expect(withToken.safeParse({ token: "t", frequency: "daily", mode: "topics", topics: [] }).success).toBe(false);
  });
});
