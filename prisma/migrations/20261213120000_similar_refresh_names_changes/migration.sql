-- The worker's similar-list backfill no longer clears every page cache once a minute (issue 14): its
-- transaction quiets the catalogue triggers (paperpulse.announced, see 20261212120000_page_cache_targeted_notify)
-- and names the papers whose lists changed (`similar:<id>,...`, lib/http/catalogue-notice.ts), whose own
-- pages are the only ones showing those lists. So the refresh now returns those papers: the ones given and
-- the ones that took a reverse edge, when their list (in the order pages show it: score, then id, both
-- descending) is not what it was. Same lists as before; only the return value is new.
DROP FUNCTION paper_similar_refresh(INTEGER[]);

CREATE FUNCTION paper_similar_refresh(ids INTEGER[]) RETURNS INTEGER[]
    LANGUAGE plpgsql AS $$
DECLARE
    fresh_paper INTEGER[];
    fresh_similar INTEGER[];
    fresh_score REAL[];
    touched INTEGER[];
    lists_before JSONB;
    lists_after JSONB;
    changed INTEGER[];
BEGIN
    SELECT array_agg(t.id), array_agg(s.similar_id), array_agg(s.score)
      INTO fresh_paper, fresh_similar, fresh_score
      FROM unnest(ids) AS t(id) CROSS JOIN LATERAL paper_similar_compute(t.id, 10) AS s;
    -- The lists this can change: the papers' own, and those of the papers they found that have a list
    -- (the reverse edges below), known before anything is written.
    SELECT array_agg(DISTINCT c.id) INTO touched
      FROM (SELECT unnest(ids) AS id
            UNION
            SELECT f.id FROM unnest(fresh_similar) AS f(id)
             WHERE NOT f.id = ANY (ids) AND EXISTS (SELECT 1 FROM paper_similar o WHERE o.paper_id = f.id)) c;
    SELECT coalesce(jsonb_object_agg(l.paper_id, l.list), '{}') INTO lists_before
      FROM (SELECT paper_id, array_agg(similar_id ORDER BY score DESC, similar_id DESC) AS list
              FROM paper_similar WHERE paper_id = ANY (touched) GROUP BY paper_id) l;

    DELETE FROM paper_similar WHERE paper_id = ANY (ids);
    INSERT INTO paper_similar (paper_id, similar_id, score)
    SELECT f.paper_id, f.similar_id, f.score FROM unnest(fresh_paper, fresh_similar, fresh_score) AS f(paper_id, similar_id, score);
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

    SELECT coalesce(jsonb_object_agg(l.paper_id, l.list), '{}') INTO lists_after
      FROM (SELECT paper_id, array_agg(similar_id ORDER BY score DESC, similar_id DESC) AS list
              FROM paper_similar WHERE paper_id = ANY (touched) GROUP BY paper_id) l;
    SELECT coalesce(array_agg(c.key::int ORDER BY c.key::int), '{}') INTO changed
      FROM (SELECT key FROM jsonb_object_keys(lists_before) AS key
            UNION SELECT key FROM jsonb_object_keys(lists_after) AS key) c
     WHERE lists_before -> c.key IS DISTINCT FROM lists_after -> c.key;
    RETURN changed;
END
$$;
