// The digest choices every subscription form shares: daily or weekly, the weekday, trending plus topics or only
// topics, and the topics to follow.
import { DEFAULT_WEEKDAY, DIGEST_MODE_LABELS, WEEKDAYS } from "@/lib/subscribers/choices";
import type { FieldErrors } from "@/lib/subscribers/subscribe-input";
import type { TopicOption } from "@/lib/subscribers/followed-topics";
import { FieldError, inputClass } from "./ui/field";

export type PreferenceValues = { frequency?: string; weekday?: string | number; topics?: string[]; mode?: string };

const hint = "text-sm text-zinc-600 dark:text-zinc-400";

/** `key` the surrounding form on the values: defaultChecked only applies on mount. */
export function PreferenceFields({
  idPrefix,
  topics,
  values,
  fieldErrors,
}: {
  idPrefix: string;
  topics: TopicOption[];
  values: PreferenceValues;
  fieldErrors?: FieldErrors;
}) {
  const frequency = values.frequency === "weekly" ? "weekly" : "daily";
  const weekday = String(values.weekday ?? DEFAULT_WEEKDAY);
  const followed = new Set(values.topics ?? []);
  const mode = values.mode === "topics" ? "topics" : "trending";
  return (
    <>
      <fieldset aria-describedby={fieldErrors?.frequency ? `${idPrefix}-frequency-error` : undefined}>
        <legend className="text-sm font-medium">How often</legend>
        <div className="mt-2 space-y-2 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="frequency" value="daily" defaultChecked={frequency === "daily"} />
            Daily, on days with a new digest
          </label>
          <label className="flex flex-wrap items-center gap-2">
            <input type="radio" name="frequency" value="weekly" defaultChecked={frequency === "weekly"} />
            Weekly, on
            <select
              name="weekday"
              defaultValue={weekday}
              aria-label="Day of the weekly digest"
              className={`${inputClass} px-2 py-1`}
            >
              {WEEKDAYS.map((day, index) => (
                <option key={day} value={index}>
                  {day}
                </option>
              ))}
            </select>
          </label>
        </div>
        {fieldErrors?.frequency && <FieldError id={`${idPrefix}-frequency-error`}>{fieldErrors.frequency}</FieldError>}
        {fieldErrors?.weekday && <FieldError>{fieldErrors.weekday}</FieldError>}
      </fieldset>

      {topics.length > 0 && (
        <fieldset>
          <legend className="text-sm font-medium">What the email holds</legend>
          <div className="mt-2 space-y-2 text-sm">
            <label className="flex items-start gap-2">
              <input type="radio" name="mode" value="trending" defaultChecked={mode === "trending"} className="mt-1" />
              <span>
                {DIGEST_MODE_LABELS.trending}
                <span className={`block ${hint}`}>
                  The top trending papers from every topic, then a few more from each topic you choose.
                </span>
              </span>
            </label>
            <label className="flex items-start gap-2">
              <input type="radio" name="mode" value="topics" defaultChecked={mode === "topics"} className="mt-1" />
              <span>
                {DIGEST_MODE_LABELS.topics}
                <span className={`block ${hint}`}>
                  Only papers in the topics you choose; no email on a day with nothing new in them.
                </span>
              </span>
            </label>
          </div>
        </fieldset>
      )}

      {topics.length > 0 && (
        <fieldset aria-describedby={fieldErrors?.topics ? `${idPrefix}-topics-error` : `${idPrefix}-topics-hint`}>
          <legend className="text-sm font-medium">Topics to follow</legend>
          <p id={`${idPrefix}-topics-hint`} className={`mt-1 ${hint}`}>
            With &ldquo;{DIGEST_MODE_LABELS.trending}&rdquo;, choose none to get only the trending papers. &ldquo;
            {DIGEST_MODE_LABELS.topics}&rdquo; needs at least one topic.
          </p>
          <ul className="mt-2 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-2">
            {topics.map((topic) => (
              <li key={topic.slug}>
                <label className="flex items-center gap-2">
                  <input type="checkbox" name="topics" value={topic.slug} defaultChecked={followed.has(topic.slug)} />
                  {topic.name}
                </label>
              </li>
            ))}
          </ul>
          {fieldErrors?.topics && (
            <FieldError id={`${idPrefix}-topics-error`} announce>
              {fieldErrors.topics}
            </FieldError>
          )}
        </fieldset>
      )}
    </>
  );
}
