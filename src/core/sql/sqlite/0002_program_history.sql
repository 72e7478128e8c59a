-- Rehabit schema, version 2 (SQLite dialect): programs the therapist edits
-- without losing what the history refers to, and indexes for the therapist's
-- review (patient list, one patient's history and charts).
--
-- Run by SchemaMigrator inside the one transaction of a migration.

-- A program stopped by the therapist keeps its rows; deactivated_at says since
-- when it no longer counts for adherence (NULL while active). Programs already
-- inactive before version 2 count as stopped when they were created.
ALTER TABLE program ADD COLUMN deactivated_at TEXT;
UPDATE program SET deactivated_at = created_at WHERE active = 0;

-- An item taken out of a program stays (sessions, events and proposals refer
-- to it); removed_at is set and it moves out of the way of the live items'
-- positions (position 1000000 + id). NULL while the item is in the program.
ALTER TABLE program_item ADD COLUMN removed_at TEXT;

-- Every prescription an item has had, with the time it took effect: history
-- compares a session with what was prescribed when it started, not with
-- today's prescription. A version with removed = 1 records the item's removal.
CREATE TABLE program_item_version (
    id                        INTEGER PRIMARY KEY,
    program_item_id           INTEGER NOT NULL REFERENCES program_item (id),
    valid_from                TEXT    NOT NULL,
    removed                   INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    position                  INTEGER NOT NULL CHECK (position >= 0),
    exercise_id               TEXT    NOT NULL REFERENCES exercise (id),
    sets                      INTEGER NOT NULL CHECK (sets >= 0),
    reps                      INTEGER NOT NULL CHECK (reps >= 0),
    hold_seconds              INTEGER NOT NULL CHECK (hold_seconds >= 0),
    duration_seconds          INTEGER NOT NULL CHECK (duration_seconds >= 0),
    follow_up_seconds         INTEGER NOT NULL CHECK (follow_up_seconds >= 0),
    rest_between_reps_seconds INTEGER NOT NULL CHECK (rest_between_reps_seconds >= 0),
    rest_between_sets_seconds INTEGER NOT NULL CHECK (rest_between_sets_seconds >= 0),
    rest_after_seconds        INTEGER NOT NULL CHECK (rest_after_seconds >= 0),
    position_seconds          INTEGER NOT NULL CHECK (position_seconds >= 0),
    sides                     TEXT    NOT NULL CHECK (sides IN ('each-side', 'alternating', 'both')),
    load                      TEXT    NOT NULL DEFAULT '',
    tempo                     TEXT    NOT NULL DEFAULT ''
                              CHECK (tempo = '' OR tempo GLOB '[0-9][0-9][0-9][0-9]'),
    days_per_week             INTEGER NOT NULL CHECK (days_per_week BETWEEN 1 AND 7)
);
CREATE INDEX program_item_version_by_item ON program_item_version (program_item_id, valid_from);

-- The items of version 1 databases: their prescription since the program was created.
INSERT INTO program_item_version (program_item_id, valid_from, removed, position, exercise_id, sets, reps,
    hold_seconds, duration_seconds, follow_up_seconds, rest_between_reps_seconds, rest_between_sets_seconds,
    rest_after_seconds, position_seconds, sides, load, tempo, days_per_week)
SELECT i.id, p.created_at, 0, i.position, i.exercise_id, i.sets, i.reps, i.hold_seconds, i.duration_seconds,
       i.follow_up_seconds, i.rest_between_reps_seconds, i.rest_between_sets_seconds, i.rest_after_seconds,
       i.position_seconds, i.sides, i.load, i.tempo, i.days_per_week
FROM program_item i JOIN program p ON p.id = i.program_id;

-- The therapist's review: a patient's pain ratings without reading the
-- rest of the log (session_by_patient, then this partial index per session),
-- and the pending proposals counted in the patient list.
CREATE INDEX session_event_pain_by_session ON session_event (session_id, seq) WHERE pain IS NOT NULL;
CREATE INDEX proposal_by_status ON proposal (status, program_item_id);
