-- Search: common queries read only their newest matches (lib/papers/search.ts).

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "btree_gin";

-- DropIndex
DROP INDEX "paper_search_vector_idx";

-- CreateIndex
-- (id, search_vector) instead of (search_vector): the same index for every full-text match, and with
-- `id > floor` GIN skips each word's posting list to the floor, so the newest matches of a common
-- word cost about as much as the papers above the floor, not as much as all its matches. Same name:
-- the importer's bulk path drops and rebuilds it from its definition (lib/ingest/merge.ts).
CREATE INDEX "paper_search_vector_idx" ON "paper" USING GIN ("id" int4_ops, "search_vector");

-- The newest matches of a full-text query (with floor_id > 0: among the papers with id > floor_id),
-- newest first, through that index only. Left to itself, the planner walks the primary key above the
-- floor and tests every paper there: it does not count the detoasting of each search_vector (about
-- 5 us, stored out of line), which makes that walk 5-20 times slower than the index at a million
-- papers. Dynamic SQL: planned with its own values every call, never a generic plan (whose floor
-- could be left out of the index scan).
CREATE FUNCTION paper_search_newest(query TSQUERY, floor_id INTEGER, how_many INTEGER)
    RETURNS TABLE (id INTEGER, first_seen DATE)
    LANGUAGE plpgsql STABLE
    SET enable_indexscan = off
    SET enable_seqscan = off
AS $$
BEGIN
    RETURN QUERY EXECUTE format(
        'SELECT p.id, p.first_seen FROM paper p
          WHERE p.search_vector @@ %L::tsquery %s
          ORDER BY p.first_seen DESC, p.id DESC LIMIT %s',
        query, CASE WHEN floor_id > 0 THEN format('AND p.id > %s', floor_id) ELSE '' END, how_many);
END
$$;
