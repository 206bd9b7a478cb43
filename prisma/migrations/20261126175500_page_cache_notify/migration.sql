-- Web processes keep anonymous pages in memory (lib/http/page-cache.ts) and LISTEN on
-- 'paperpulse_catalogue' (lib/http/catalogue-changes.ts). These statement triggers announce every
-- committed change to what public pages show, whoever wrote it (importer CLI, worker, another web
-- process on another machine), so every cache is cleared. Per statement, not per row: a million-row
-- import sends a handful of notifications, and PostgreSQL folds identical ones within a transaction.
CREATE FUNCTION notify_catalogue_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('paperpulse_catalogue', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER paper_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "paper"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();
CREATE TRIGGER paper_link_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "paper_link"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();
CREATE TRIGGER paper_similar_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "paper_similar"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();
CREATE TRIGGER digest_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "digest"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();
CREATE TRIGGER digest_entry_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "digest_entry"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();
CREATE TRIGGER tag_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tag"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();
CREATE TRIGGER paper_tag_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "paper_tag"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();
CREATE TRIGGER paper_user_tag_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "paper_user_tag"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();
