// Owns the title identity used to spot the same paper twice, and the stable URL slug derived from it.

import { createHash } from "node:crypto";

const SLUG_MAX_WORDS_LENGTH = 80;
// NFKD leaves these letters whole, so stripping marks alone would drop them from the slug.
const ASCII_FOLDS: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};
const FOLDABLE = /[ßæœøłđðþı]/g;
// Greek letters in ML titles are symbols read by name ("π0" is "pi0", "β-VAE" is "beta-VAE"), so they
// fold to their names rather than to one Latin letter. NFKD has already mapped the variant and
// mathematical forms (ϵ, ϕ, 𝜋, µ) to these and removed the accents.
const GREEK_NAMES: Readonly<Record<string, string>> = {
  α: "alpha",
  β: "beta",
  γ: "gamma",
  δ: "delta",
  ε: "epsilon",
  ζ: "zeta",
  η: "eta",
  θ: "theta",
  ι: "iota",
  κ: "kappa",
  λ: "lambda",
  μ: "mu",
  ν: "nu",
  ξ: "xi",
  ο: "omicron",
  π: "pi",
  ρ: "rho",
  σ: "sigma",
  ς: "sigma",
  τ: "tau",
  υ: "upsilon",
  φ: "phi",
  χ: "chi",
  ψ: "psi",
  ω: "omega",
};
const GREEK = /[α-ω]/g;
const NOT_PLAIN_ASCII = /[^ -~]/;

/**
 * Case, spacing, punctuation and Unicode form (NFC/NFD, full-width compat forms) do not change the key.
 * Combining marks are kept: after NFKC they only remain where no precomposed letter exists, identically
 * for every input form.
 */
export function normalizeTitleKey(title: string): string {
  // Plain ASCII is already NFKC and has no marks; skipping ICU here matters at a million titles.
  if (!NOT_PLAIN_ASCII.test(title))
    return title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  return title
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, " ")
    .trim();
}

/** sha256 of the title key: the slug suffix and the parser's duplicate check share it. */
export function hashTitleKey(titleKey: string): Buffer {
  return createHash("sha256").update(titleKey).digest();
}

function asciiFold(text: string): string {
  if (!NOT_PLAIN_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(FOLDABLE, (c) => ASCII_FOLDS[c] ?? "")
    .replace(GREEK, (c) => GREEK_NAMES[c] ?? "");
}

function slugWords(title: string): string {
  const words = asciiFold(title).match(/[a-z0-9]+/g);
  if (!words) return "paper";
  let slug = "";
  for (const word of words) {
    const next = slug.length === 0 ? word : `${slug}-${word}`;
    if (next.length > SLUG_MAX_WORDS_LENGTH) {
      // A single word longer than the limit is cut; otherwise stop at the last whole word.
      return slug.length === 0 ? word.slice(0, SLUG_MAX_WORDS_LENGTH) : slug;
    }
    slug = next;
  }
  return slug;
}

/** The slug for a given title-key hash (lets the parser hash each title once). */
export function slugFromHash(title: string, hash: Buffer): string {
  return `${slugWords(title)}-${hash.toString("hex", 0, 3)}`;
}

/**
 * URL-safe ASCII slug: readable words from the title plus 6 hex chars of sha256(titleKey), so it is
 * stable across imports and unique without a database lookup.
 */
export function slugForTitle(title: string, titleKey: string): string {
  return slugFromHash(title, hashTitleKey(titleKey));
}
