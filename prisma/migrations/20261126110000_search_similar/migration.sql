-- Search and browsing: newest-first index in the direction the lists read it, and precomputed similar papers.

-- DropIndex
DROP INDEX "paper_first_seen_idx";

-- CreateIndex
-- (first_seen DESC, id DESC): "newest first" lists and search's newest-matches candidates read it in
-- order; with id ASC they needed a sort of every paper sharing a first_seen day.
CREATE INDEX "paper_first_seen_idx" ON "paper"("first_seen" DESC, "id" DESC);

-- CreateTable
CREATE TABLE "paper_similar" (
    "paper_id" INTEGER NOT NULL,
    "similar_id" INTEGER NOT NULL,
    "score" REAL NOT NULL,

    CONSTRAINT "paper_similar_pkey" PRIMARY KEY ("paper_id","similar_id")
);

-- CreateIndex
CREATE INDEX "paper_similar_similar_id_idx" ON "paper_similar"("similar_id");

-- AddForeignKey
ALTER TABLE "paper_similar" ADD CONSTRAINT "paper_similar_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_similar" ADD CONSTRAINT "paper_similar_similar_id_fkey" FOREIGN KEY ("similar_id") REFERENCES "paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The papers most like one paper, by text (see lib/papers/similar.ts for why this is precomputed):
-- candidates are the newest papers whose *title* shares a word with its title (bounded, so the cost
-- does not grow with the catalogue), ranked by how well their title and abstract match its title's
-- words (title weight first). Dynamic SQL so each call is planned with its own words: a rare word
-- reads the GIN index, a common one walks the newest-first index and stops after the candidates.
CREATE FUNCTION paper_similar_compute(target INTEGER, how_many INTEGER, candidates INTEGER DEFAULT 300)
    RETURNS TABLE (similar_id INTEGER, score REAL)
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    any_word TEXT;
    any_title_word TEXT;
BEGIN
    SELECT string_agg(w.quoted, ' | '), string_agg(w.quoted || ':A', ' | ')
      INTO any_word, any_title_word
      FROM (SELECT '''' || replace(replace(v.lexeme, '\', '\\'), '''', '''''') || '''' AS quoted
              FROM paper p CROSS JOIN LATERAL unnest(p.search_vector) AS v
             WHERE p.id = target AND 'A' = ANY (v.weights)
             LIMIT 16) w;
    IF any_word IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE format(
        'SELECT c.id, ts_rank(c.search_vector, %1$L::tsquery)::real AS score
           FROM (SELECT o.id, o.search_vector FROM paper o
                  WHERE o.search_vector @@ %2$L::tsquery AND o.id <> %3$s
                  ORDER BY o.first_seen DESC, o.id DESC LIMIT %4$s) c
          ORDER BY score DESC, c.id DESC LIMIT %5$s',
        any_word, any_title_word, target, candidates, how_many);
END
$$;

-- Recomputes the similar lists of the given papers (new or changed at import), and offers each of
-- them to the lists of the papers it found, which keep their best 10.
CREATE FUNCTION paper_similar_refresh(ids INTEGER[]) RETURNS INTEGER
    LANGUAGE plpgsql AS $$
DECLARE
    added INTEGER;
BEGIN
    DELETE FROM paper_similar WHERE paper_id = ANY (ids);
    INSERT INTO paper_similar (paper_id, similar_id, score)
    SELECT t.id, s.similar_id, s.score
      FROM unnest(ids) AS t(id) CROSS JOIN LATERAL paper_similar_compute(t.id, 10) AS s;
    GET DIAGNOSTICS added = ROW_COUNT;
    -- Only papers that have a list get the reverse edge: an empty list means "compute on request".
    INSERT INTO paper_similar (paper_id, similar_id, score)
    SELECT s.similar_id, s.paper_id, s.score
      FROM paper_similar s
     WHERE s.paper_id = ANY (ids) AND NOT s.similar_id = ANY (ids)
       AND EXISTS (SELECT 1 FROM paper_similar o WHERE o.paper_id = s.similar_id)
    ON CONFLICT (paper_id, similar_id) DO UPDATE SET score = EXCLUDED.score;
    DELETE FROM paper_similar s
     USING (SELECT r.paper_id, r.similar_id,
                   row_number() OVER (PARTITION BY r.paper_id ORDER BY r.score DESC, r.similar_id DESC) AS n
              FROM paper_similar r
             WHERE r.paper_id IN (SELECT x.similar_id FROM paper_similar x WHERE x.paper_id = ANY (ids))) ranked
     WHERE ranked.n > 10 AND s.paper_id = ranked.paper_id AND s.similar_id = ranked.similar_id;
    RETURN added;
END
$$;
