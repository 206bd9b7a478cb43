// The digest choices a subscriber makes, as plain constants: client forms import these without pulling in zod.
export const FREQUENCIES = ["daily", "weekly"] as const;

/** Index = the weekday number stored on the subscriber (0 = Sunday), as JavaScript's Date.getUTCDay counts. */
export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
export const DEFAULT_WEEKDAY = 1;

/** "trending": the trending papers, then a section per followed topic; "topics": only the followed topics' papers. */
export const DIGEST_MODES = ["trending", "topics"] as const;
export const DIGEST_MODE_LABELS = { trending: "Trending plus my topics", topics: "Only my topics" } as const;
