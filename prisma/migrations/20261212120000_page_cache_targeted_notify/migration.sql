-- Votes, saves and people's tags no longer clear every web process's page cache (issue 14). Public pages
-- no longer bake what they change into the cache (counts are refreshed in the browser, personal state comes
-- from /api/me/state), so:
--   * paper: only changes to what a page shows notify; the counters and the trending boost a vote moves
--     (upvote_count, save_count, tag_count, trending_boost) do not. Ranked lists live 5 s in the cache instead.
--   * paper_user_tag: who applied a tag is personal; nothing public reads it.
--   * a transaction that names its own changes (lib/tags/user-tags.ts sends `paper:<id>` and `tag:<slug>`
--     for a tag that appears on or leaves a paper) sets paperpulse.announced for itself; its statements on
--     paper_tag and tag then stay quiet. Every other writer (imports, the worker, psql) still notifies the
--     table name, which clears every cache.
CREATE OR REPLACE FUNCTION notify_catalogue_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('paperpulse.announced', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('paperpulse_catalogue', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

DROP TRIGGER paper_catalogue_changed ON "paper";
CREATE TRIGGER paper_catalogue_changed AFTER INSERT OR DELETE OR TRUNCATE ON "paper"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();
-- A statement trigger with a column list fires when the UPDATE sets one of these columns (whatever the value).
CREATE TRIGGER paper_shown_columns_changed
  AFTER UPDATE OF slug, title_key, title, abstract, arxiv_id, first_seen, authors, upstream_upvotes ON "paper"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();

DROP TRIGGER paper_user_tag_catalogue_changed ON "paper_user_tag";
