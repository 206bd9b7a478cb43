// Encodes rows in PostgreSQL's COPY text format (tab-separated, backslash escapes).

const SPECIAL = /[\\\t\n\r]/;

function escapeField(value: string | number | null): string {
  if (value === null) return "\\N";
  const text = String(value);
  if (!SPECIAL.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (char) =>
    char === "\\" ? "\\\\" : char === "\t" ? "\\t" : char === "\n" ? "\\n" : "\\r",
  );
}

/** A text[] as an array literal, {"a","b \"c\""}; copyTextRow then escapes it again for COPY. Null stays null. */
export function arrayLiteral(values: readonly string[] | null | undefined): string | null {
  if (!values) return null;
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`).join(",")}}`;
}

export function copyTextRow(fields: ReadonlyArray<string | number | null>): string {
  return fields.map(escapeField).join("\t") + "\n";
}
