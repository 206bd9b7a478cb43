// The subscribe and preferences forms' input: one zod schema for the forms, the server actions and lib/subscribers.
import { z } from "zod";
import { DEFAULT_WEEKDAY, DIGEST_MODES, DIGEST_MODE_LABELS, FREQUENCIES } from "./choices";

/** More than the taxonomy will ever have; bounds the work a forged form can ask for. */
const MAX_TOPICS = 50;

// Form fields arrive as strings, and an absent select as null or "": both mean "the default".
const blankToUndefined = (value: unknown) => (value === null || value === "" ? undefined : value);

const preferenceFields = z.object({
  frequency: z.enum(FREQUENCIES, { message: "Choose a daily or a weekly digest." }),
  weekday: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: "Choose a day of the week." })
      .int()
      .min(0, "Choose a day of the week.")
      .max(6, "Choose a day of the week.")
      .default(DEFAULT_WEEKDAY),
  ),
  // Whether each slug names a topic is a database question: lib/subscribers/topics.ts answers it.
  topics: z
    .array(z.string().trim().toLowerCase().min(1).max(80, "That topic name is too long."))
    .max(MAX_TOPICS, `Choose at most ${MAX_TOPICS} topics.`)
    .default([])
    .transform((slugs) => [...new Set(slugs)]),
  /** Absent (a form that does not offer the choice, like the footer box): an existing subscription keeps its own. */
  mode: z.preprocess(
    blankToUndefined,
    z
      .enum(DIGEST_MODES, {
        message: `Choose "${DIGEST_MODE_LABELS.trending}" or "${DIGEST_MODE_LABELS.topics}".`,
      })
      .optional(),
  ),
});

/** Only my topics with no topic would be an empty email every time: the form says so instead of saving it. */
const ONLY_TOPICS_NEEDS_A_TOPIC = `"${DIGEST_MODE_LABELS.topics}" needs at least one topic: choose one or more, or choose "${DIGEST_MODE_LABELS.trending}".`;

function topicsForMode(value: { mode?: string; topics: string[]; keepTopics?: boolean }, ctx: z.RefinementCtx) {
  if (value.mode === "topics" && value.topics.length === 0 && !value.keepTopics)
    ctx.addIssue({ code: "custom", path: ["topics"], message: ONLY_TOPICS_NEEDS_A_TOPIC });
}

export const preferencesInput = preferenceFields.superRefine(topicsForMode);

export const subscribeInput = preferenceFields
  .extend({
    /** Set by forms that do not offer topics (the footer box): an existing subscription keeps its topics. */
    keepTopics: z.boolean().default(false),
    email: z
      .string({ message: "Enter an email address like ada@example.org." })
      .trim()
      .toLowerCase()
      .max(254, "That email address is too long.")
      .pipe(z.email({ message: "Enter an email address like ada@example.org." })),
  })
  .superRefine(topicsForMode);

export type SubscribeInput = z.infer<typeof subscribeInput>;

/** What a form posted, as the schema expects it (topics are repeated checkbox fields). */
export type SubscribeFields = {
  email?: string;
  frequency?: string;
  weekday?: string;
  topics?: string[];
  mode?: string;
  keepTopics?: boolean;
};

export function subscribeFields(form: FormData): SubscribeFields {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  return {
    email: text("email"),
    frequency: text("frequency"),
    weekday: text("weekday"),
    topics: form.getAll("topics").filter((value): value is string => typeof value === "string"),
    mode: text("mode"),
    keepTopics: form.get("keepTopics") === "1",
  };
}

// The one failure shape of every form (lib/actions/result.ts); lib/subscribers answers in it too.
export { inputFailure, type ActionFailure as InputFailure, type FieldErrors } from "../actions/result";
