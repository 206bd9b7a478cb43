// Header safety: nothing a user typed can add a header line or break one (CR/LF injection).

/** Long enough for any real subject; mail clients truncate well before this anyway. */
const MAX_HEADER_LENGTH = 200;

// C0 controls (CR, LF, TAB, NUL...), DEL, C1 controls and the Unicode line/paragraph separators,
// which some mail software also treats as line breaks.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are replaced
const CONTROL_RUNS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** One line: control characters collapse to single spaces, trimmed, capped with an ellipsis. */
export function sanitizeHeaderValue(value: string, maxLength = MAX_HEADER_LENGTH): string {
  const line = value.replace(CONTROL_RUNS, " ").replace(/ {2,}/g, " ").trim();
  // Count code points, not UTF-16 units, so an emoji is never cut in half.
  const chars = Array.from(line);
  if (chars.length <= maxLength) return line;
  return `${chars
    .slice(0, maxLength - 1)
    .join("")
    .trimEnd()}…`;
}

// RFC 5322 field names are printable ASCII without ":"; we allow the conventional subset.
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,75}$/;

/** Extra headers with every value sanitized; a bad name is a programming error and throws. */
export function sanitizeHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name))
      throw new Error(
        `mail header name ${JSON.stringify(name)} is not a valid header name (letters, digits and "-" only)`,
      );
    clean[name] = sanitizeHeaderValue(value, 998 - name.length - 2); // 998: RFC 5322's hard line limit
  }
  return clean;
}

/** The sender, from MAIL_FROM (or an explicit override), made safe the same way. */
export function mailFrom(configured: string): string {
  return sanitizeHeaderValue(configured);
}

/** A recipient must be one address on one line; we refuse rather than repair, since repairing could mail a stranger. */
export function recipientProblem(to: string): string | undefined {
  if (to.trim() === "") return "no recipient address";
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(to))
    return `recipient ${JSON.stringify(to)} contains a control character`;
  if (/[,;]/.test(to))
    return `recipient ${JSON.stringify(to)} names more than one address; send one message per address`;
  return undefined;
}
