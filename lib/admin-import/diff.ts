// Owns the word-level diff the import preview shows for a changed abstract (pure: strings in, parts out).

export type DiffPart = { kind: "same" | "ins" | "del"; text: string };

/** Beyond this many compared token pairs the diff falls back to "all removed, all added" to bound time and memory. */
const MAX_CELLS = 4_000_000;

/**
 * Words, whitespace runs and single punctuation marks, so "slow." -> "slow and costly." adds
 * " and costly" instead of replacing the whole word; joining the tokens gives the text back exactly.
 */
function tokenize(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu) ?? [];
}

function push(parts: DiffPart[], kind: DiffPart["kind"], text: string): void {
  if (text === "") return;
  const last = parts.at(-1);
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/**
 * A whitespace-only "same" between two changes joins them, and each run of changes becomes one
 * removed text then one added text: "a b c" -> "a x y c" reads `a <del>b</del><ins>x y</ins> c`
 * rather than alternating one-space islands. Both rebuild rules still hold.
 */
function groupChanges(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let del = "";
  let ins = "";
  const flush = () => {
    push(out, "del", del);
    push(out, "ins", ins);
    del = "";
    ins = "";
  };
  parts.forEach((part, index) => {
    const between =
      index > 0 &&
      parts[index - 1]!.kind !== "same" &&
      parts[index + 1] !== undefined &&
      parts[index + 1]!.kind !== "same";
    if (part.kind === "del") del += part.text;
    else if (part.kind === "ins") ins += part.text;
    else if (between && /^\s+$/.test(part.text)) {
      del += part.text;
      ins += part.text;
    } else {
      flush();
      push(out, "same", part.text);
    }
  });
  flush();
  return out;
}

/** The longest common subsequence of tokens, walked back into same / del / ins parts. */
function diffTokens(a: string[], b: string[]): DiffPart[] {
  const n = a.length;
  const m = b.length;
  const parts: DiffPart[] = [];
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    push(parts, "del", a.join(""));
    push(parts, "ins", b.join(""));
    return parts;
  }
  // lengths[i * (m + 1) + j] = LCS length of a[i..] and b[j..]
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push(parts, "same", a[i]!);
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      push(parts, "del", a[i]!);
      i++;
    } else {
      push(parts, "ins", b[j]!);
      j++;
    }
  }
  while (i < n) push(parts, "del", a[i++]!);
  while (j < m) push(parts, "ins", b[j++]!);
  return parts;
}

/** Word-level diff from `before` to `after`; the "same" and "del" parts rebuild `before`, "same" and "ins" rebuild `after`. */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  // Abstracts usually change in one place: trimming the common ends keeps the table small.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  push(parts, "same", a.slice(0, start).join(""));
  for (const part of diffTokens(a.slice(start, endA), b.slice(start, endB))) push(parts, part.kind, part.text);
  push(parts, "same", a.slice(endA).join(""));
  return groupChanges(parts);
}
