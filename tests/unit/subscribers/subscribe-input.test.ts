// The subscribe form's schema: what a form posts, and the messages a person sees for bad input.
import { describe, expect, it } from "vitest";
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
