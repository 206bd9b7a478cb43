// Query strings for route handlers: URLSearchParams as the record `parseSearchParams` takes, and the
// check that rejects parameters an endpoint does not know.

/** Repeated keys become arrays, as Next hands `searchParams` to pages. */
export function searchParamsRecord(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const existing = record[key];
    record[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return record;
}

/** A query string with thousands of junk keys gets a short answer. */
const MAX_REPORTED = 20;

/**
 * Field errors for parameters outside `allowed`. Rejecting them (rather than ignoring) means a typo such as
 * `pagesize=` or a parameter from a later version (`sort=`) is reported instead of silently returning
 * something else, and adding a parameter later never changes the meaning of a request that used to work.
 */
export function unknownParamErrors(params: URLSearchParams, allowed: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    if (allowed.includes(key)) continue;
    errors[key.slice(0, 100)] = `unknown parameter; allowed: ${allowed.join(", ")}`;
    if (Object.keys(errors).length >= MAX_REPORTED) break;
  }
  return errors;
}
