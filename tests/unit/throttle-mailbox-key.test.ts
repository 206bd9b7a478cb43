// The key sign-in and subscription throttles count an address under: one per mailbox, so "+tags" and
// capital letters cannot buy an attacker a fresh allowance to flood one inbox (issue 11).
import { describe, expect, it } from "vitest";
import { mailboxKey } from "../../lib/throttle/store";

describe("one throttle key per mailbox", () => {
  it.each([
    ["victim+1@x.test", "victim@x.test"],
    ["victim+2@x.test", "victim@x.test"],
    ["VICTIM@x.test", "victim@x.test"],
    ["Victim+Anything@X.Test", "victim@x.test"],
    ["victim+a+b@x.test", "victim@x.test"],
    ["  victim@x.test ", "victim@x.test"],
    ["a+x@b.c", "a@b.c"],
  ])("%s counts as %s", (email, key) => {
    expect(mailboxKey(email)).toBe(key);
    expect(mailboxKey(email)).toBe(mailboxKey(key));
  });

  it("different mailboxes keep their own keys", () => {
    expect(mailboxKey("alice@x.test")).not.toBe(mailboxKey("bob@x.test"));
    expect(mailboxKey("victim@x.test")).not.toBe(mailboxKey("victim@y.test"));
    expect(mailboxKey("victim.one@x.test")).not.toBe(mailboxKey("victim@x.test"));
  });
});
