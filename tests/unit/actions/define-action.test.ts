// defineAction (lib/actions/define-action.ts), the one way server actions are built: the zod input read
// from FormData, one answer shape, the posted values sent back, and no raw error thrown at the client.
// (Actions that read the session need Next's request context: tests/e2e/account.test.ts and
// subscribe.test.ts drive them through real forms.)
import { redirect } from "next/navigation";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineAction } from "../../../lib/actions/define-action";

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

const greet = defineAction({
  auth: "none",
  input: z.object({
    name: z.string().trim().min(1, "Enter a name."),
    times: z.coerce.number().int().min(1, "At least once."),
  }),
  values: (fields) => ({ name: fields.name }),
  run: async ({ name, times }) => ({ ok: true, message: `hello ${name}`.repeat(times) }),
});

describe("an action's input", () => {
  it("valid fields reach run parsed, and its answer comes back with the posted values", async () => {
    expect(
      await greet(
        {},
        form([
          ["name", " Ada "],
          ["times", "2"],
        ]),
      ),
    ).toEqual({ ok: true, message: "hello Adahello Ada", values: { name: " Ada " } });
  });

  it("invalid fields answer the first problem of each field, without running", async () => {
    expect(
      await greet(
        {},
        form([
          ["name", ""],
          ["times", "0"],
        ]),
      ),
    ).toEqual({
      ok: false,
      error: "Enter a name.",
      fieldErrors: { name: "Enter a name.", times: "At least once." },
      values: { name: "" },
    });
  });

  it("a repeated field counts once, by its first value; files are not text fields", async () => {
    const data = form([
      ["name", "first"],
      ["name", "second"],
      ["times", "1"],
    ]);
    data.append("times", new Blob(["9"]));
    expect(await greet({}, data)).toMatchObject({ ok: true, message: "hello first" });
  });

  it("a form with no fields (one button) is called with no FormData", async () => {
    const ping = defineAction({ auth: "none", input: z.object({}), run: async () => ({ ok: true, message: "pong" }) });
    expect(await ping({})).toEqual({ ok: true, message: "pong" });
  });

  it("a custom reader turns repeated checkboxes into a list", async () => {
    const pick = defineAction({
      auth: "none",
      fields: (data) => ({ topics: data.getAll("topics").map(String) }),
      input: z.object({ topics: z.array(z.string()).max(2, "Two at most.") }),
      run: async ({ topics }) => ({ ok: true, message: topics.join("+") }),
    });
    expect(
      await pick(
        {},
        form([
          ["topics", "a"],
          ["topics", "b"],
        ]),
      ),
    ).toEqual({ ok: true, message: "a+b" });
    expect(
      await pick(
        {},
        form([
          ["topics", "a"],
          ["topics", "b"],
          ["topics", "c"],
        ]),
      ),
    ).toMatchObject({ ok: false, fieldErrors: { topics: "Two at most." } });
  });
});

describe("when something goes wrong", () => {
  it("an unexpected error becomes a failure that says where the details are, and is logged", async () => {
    const broken = defineAction({
      auth: "none",
      input: z.object({}),
      failed: "The test digest failed; the server log has the details.",
      run: async (): Promise<{ ok: true }> => {
        throw new Error("connection refused");
      },
    });
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      expect(await broken({})).toEqual({
        ok: false,
        error: "The test digest failed; the server log has the details.",
        fieldErrors: {},
      });
    } finally {
      console.error = original;
    }
    expect(String(logged.flat())).toMatch(/connection refused/);
  });

  it("redirect() inside run is Next's to follow, not a failure", async () => {
    const moving = defineAction({
      auth: "none",
      input: z.object({}),
      run: async (): Promise<{ ok: true }> => redirect("/signin/check-email"),
    });
    await expect(moving({})).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/signin\/check-email/),
    });
  });
});
