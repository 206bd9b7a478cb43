// What a person may type to tag a paper, as the server reads it: a zod schema around the pure rule in
// ./tag-names (the tag form runs that rule in the browser, so zod stays off the client).
import { z } from "zod";
import { checkTagNames, type CheckedTagNames, type TagNameInput } from "./tag-names";

export { TAG_NAMES_PER_REQUEST } from "./tag-names";
/** Tags one person may put on one paper. */
export const TAGS_PER_PERSON_PER_PAPER = 20;

const tagInputSchema = z
  .string({ error: "Type one or more tag names, separated by commas." })
  .transform((raw, ctx): TagNameInput[] => {
    const checked = checkTagNames(raw);
    if (checked.ok) return checked.tags;
    ctx.addIssue({ code: "custom", message: checked.error });
    return z.NEVER;
  });

export function parseTagInput(raw: unknown): CheckedTagNames {
  const result = tagInputSchema.safeParse(raw);
  return result.success
    ? { ok: true, tags: result.data }
    : { ok: false, error: result.error.issues[0]?.message ?? "Those tag names cannot be used." };
}
