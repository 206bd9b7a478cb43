// The catalogue's own words (table search_word: the words of titles, kept by a trigger on paper
// inserts; see the search_words migrations) as search reads them: is a typed word known, does a word still being typed
// complete to a known one, what is the closest known spelling; and each alternative's tsquery.
import type { PrismaClient } from "../../db/generated/client";
import type { Alternative, ParsedAlternative, WordFacts } from "./query-words";

/**
 * Words outside these lengths get no completion or correction (a 200-letter word is no typo); nor do
 * stop words. A prefix reads the postings of every word it starts: three letters ("mul") would read
 * most of a catalogue of multimodal papers, four ("mult") already far fewer.
 */
const MIN_COMPLETE = 4;
const MIN_CORRECT = 4;
const MAX_LOOKED_UP = 40;

/** Whether an abstract-only word is known is asked of these newest papers first. */
const RECENT_PAPERS = 20_000;

/** pg_trgm similarity a known word needs to be offered as the spelling of an unknown one. */
const CORRECTION_SIMILARITY = 0.45;

/** A typed word and whether it is the query's last (which may still be being typed). */
export type TypedWord = { word: string; last: boolean };

/** What the vocabulary says about each word. */
export async function lookUpWords(client: PrismaClient, typed: readonly TypedWord[]): Promise<Map<string, WordFacts>> {
  if (typed.length === 0) return new Map();
  const words = typed.map((word) => word.word);
  const last = typed.map((word) => word.last);
  const rows = await client.$queryRaw<
    { word: string; known: boolean; completes: boolean; correction: string | null }[]
  >`
    WITH typed AS (SELECT w.word, w.last, (ts_lexize('english_stem', w.word))[1] AS stem
                   FROM unnest(${words}::text[], ${last}::bool[]) AS w(word, last)),
         -- Known: a title word, another form of one ("notice" when titles have "noticed": the same
         -- stem), or else a word of some abstract (search_vector's index; asked last, in this order).
         w AS (SELECT t.word, t.last, t.stem,
                      CASE WHEN EXISTS (SELECT 1 FROM search_word s WHERE s.word = t.word) THEN true
                           WHEN t.stem IS NULL OR length(t.word) > ${MAX_LOOKED_UP} THEN false
                           WHEN length(t.stem) >= 3 AND EXISTS (SELECT 1 FROM search_word s
                                WHERE s.word LIKE t.stem || '%' AND (ts_lexize('english_stem', s.word))[1] = t.stem) THEN true
                           -- The newest papers first: a common word is there, and reading all its postings would cost
                           -- tens of milliseconds at a million papers; a rare word's postings are few anyway.
                           WHEN EXISTS (SELECT 1 FROM paper p WHERE p.id > (SELECT coalesce(max(id), 0) - ${RECENT_PAPERS} FROM paper)
                                        AND p.search_vector @@ plainto_tsquery('english', t.word)) THEN true
                           ELSE EXISTS (SELECT 1 FROM paper p WHERE p.search_vector @@ plainto_tsquery('english', t.word)) END AS known
               FROM typed t)
    SELECT w.word, w.known,
           (NOT w.known AND w.last AND length(w.word) BETWEEN ${MIN_COMPLETE} AND ${MAX_LOOKED_UP}
            AND EXISTS (SELECT 1 FROM search_word s WHERE s.word LIKE w.word || '%')) AS completes,
           CASE WHEN NOT w.known AND w.stem IS NOT NULL AND length(w.word) BETWEEN ${MIN_CORRECT} AND ${MAX_LOOKED_UP} AND w.word !~ '^[0-9]+$' THEN
             (SELECT s.word FROM search_word s
              WHERE s.word % w.word AND similarity(s.word, w.word) >= ${CORRECTION_SIMILARITY}
              ORDER BY similarity(s.word, w.word) DESC, s.papers DESC, s.word LIMIT 1)
           END AS correction
    FROM w`;
  return new Map(
    rows.map((row) => [row.word, { known: row.known, completes: row.completes, correction: row.correction }]),
  );
}

/** Each alternative parsed as the catalogue's search_vector was built ('english'): its tsquery as text and its stems. */
export async function parseAlternatives(
  client: PrismaClient,
  alternatives: readonly Alternative[],
): Promise<ParsedAlternative[]> {
  if (alternatives.length === 0) return [];
  const rows = await client.$queryRaw<{ n: number; tsquery: string; lexemes: string[] }[]>`
    SELECT a.n::int AS n,
           (CASE a.kind WHEN 'prefix' THEN to_tsquery('english', a.text || ':*')
                        WHEN 'phrase' THEN phraseto_tsquery('english', a.text)
                        ELSE plainto_tsquery('english', a.text) END)::text AS tsquery,
           tsvector_to_array(to_tsvector('english', a.text)) AS lexemes
    FROM unnest(${alternatives.map((a) => a.text)}::text[], ${alternatives.map((a) => a.kind)}::text[]) WITH ORDINALITY AS a(text, kind, n)
    ORDER BY a.n`;
  return rows.map((row) => ({ ...alternatives[row.n - 1]!, tsquery: row.tsquery, lexemes: row.lexemes }));
}
