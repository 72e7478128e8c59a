-- Rehabit schema, version 4 (SQLite dialect): an index that holds what the
-- therapist's review reads of the log.
--
-- Run by SchemaMigrator inside the one transaction of a migration.

-- Store::sessionSummaries (SqliteStatements' SelectSessionActivity) passes
-- over every event of a patient's sessions, session by session, reading
-- at_ms, kind, program_item_id, set_index, rep_index, side and pain. This
-- index holds them all, keyed by session, so that the pass reads the index
-- and never visits the table (a covering index). It costs every appended
-- event one more index entry (docs/benchmarks.md: the durable log).
CREATE INDEX session_event_review ON session_event
    (session_id, at_ms, kind, program_item_id, set_index, rep_index, side, pain);
