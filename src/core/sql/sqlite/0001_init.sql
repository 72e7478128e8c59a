-- Rehabit schema, version 1 (SQLite dialect).
--
-- Run by SchemaMigrator inside the one transaction of a migration, which also
-- sets PRAGMA application_id and PRAGMA user_version: a script never begins or
-- commits a transaction itself. Statements end with ';' at the end of a line.
--
-- Conventions (docs/storage.md):
--   * *_at columns: ISO-8601 UTC text with milliseconds, 2025-03-01T07:30:00.000Z
--   * session_event.at_ms: integer milliseconds since the Unix epoch, UTC
--   * enumerations are the stable text codes of src/core/Codes.cpp
--   * booleans are 0/1 integers with a CHECK
--   * CHECK constraints repeat what the core validates, as a last guard

-- The bundled catalog last imported (one row).
CREATE TABLE catalog_meta (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    bundled_version  INTEGER NOT NULL DEFAULT 0 CHECK (bundled_version >= 0),
    source_title     TEXT    NOT NULL DEFAULT '',
    source_publisher TEXT    NOT NULL DEFAULT '',
    source_authors   TEXT    NOT NULL DEFAULT '[]',  -- JSON array of names
    imported_at      TEXT
);
INSERT INTO catalog_meta (id, bundled_version) VALUES (1, 0);

-- Exercises: the bundled catalog and the user's own. `definition` holds the
-- whole entry in the catalog-file form (CatalogJson::toJson); the other
-- columns repeat what SQL users (reports, a spreadsheet) need most.
CREATE TABLE exercise (
    id                     TEXT    PRIMARY KEY NOT NULL
                           CHECK (length(id) BETWEEN 1 AND 64
                                  AND id GLOB '[a-z]*'
                                  AND id NOT GLOB '*[^a-z0-9-]*'
                                  AND id NOT GLOB '*-'
                                  AND id NOT GLOB '*--*'),
    origin                 TEXT    NOT NULL CHECK (origin IN ('bundled', 'custom')),
    name                   TEXT    NOT NULL CHECK (name <> ''),
    phase                  TEXT    NOT NULL
                           CHECK (phase IN ('assessment', 'flexibility', 'core-stability', 'hip-strength')),
    category               TEXT    NOT NULL,
    kind                   TEXT    NOT NULL CHECK (kind IN ('assessment', 'reps', 'holds', 'timed')),
    sides                  TEXT    NOT NULL CHECK (sides IN ('each-side', 'alternating', 'both')),
    sort_order             INTEGER NOT NULL CHECK (sort_order >= 0),
    sets_min               INTEGER,
    sets_max               INTEGER,
    sets_default           INTEGER,
    reps_min               INTEGER,
    reps_max               INTEGER,
    reps_default           INTEGER,
    hold_seconds_min       INTEGER,
    hold_seconds_max       INTEGER,
    hold_seconds_default   INTEGER,
    duration_seconds_min     INTEGER,
    duration_seconds_max     INTEGER,
    duration_seconds_default INTEGER,
    definition             TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL,
    CHECK ((sets_min IS NULL AND sets_max IS NULL AND sets_default IS NULL)
           OR (0 <= sets_min AND sets_min <= sets_default AND sets_default <= sets_max)),
    CHECK ((reps_min IS NULL AND reps_max IS NULL AND reps_default IS NULL)
           OR (0 <= reps_min AND reps_min <= reps_default AND reps_default <= reps_max)),
    CHECK ((hold_seconds_min IS NULL AND hold_seconds_max IS NULL AND hold_seconds_default IS NULL)
           OR (0 <= hold_seconds_min AND hold_seconds_min <= hold_seconds_default
               AND hold_seconds_default <= hold_seconds_max)),
    CHECK ((duration_seconds_min IS NULL AND duration_seconds_max IS NULL AND duration_seconds_default IS NULL)
           OR (0 <= duration_seconds_min AND duration_seconds_min <= duration_seconds_default
               AND duration_seconds_default <= duration_seconds_max))
);
CREATE INDEX exercise_by_origin ON exercise (origin, sort_order);

CREATE TABLE patient (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL CHECK (name <> ''),
    created_at TEXT    NOT NULL,
    archived   INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

-- Free-text notes of the therapist or the athlete, newest last.
CREATE TABLE patient_note (
    id         INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patient (id),
    written_at TEXT    NOT NULL,
    body       TEXT    NOT NULL CHECK (body <> '')
);
CREATE INDEX patient_note_by_patient ON patient_note (patient_id, written_at);

CREATE TABLE program (
    id                   INTEGER PRIMARY KEY,
    patient_id           INTEGER NOT NULL REFERENCES patient (id),
    name                 TEXT    NOT NULL CHECK (name <> ''),
    pain_rule            TEXT    NOT NULL CHECK (pain_rule IN ('strict', 'pain-monitoring')),
    progression_sessions INTEGER NOT NULL CHECK (progression_sessions >= 1),
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at           TEXT    NOT NULL,
    UNIQUE (id, patient_id)   -- target of session's (program_id, patient_id) key
);
CREATE INDEX program_by_patient ON program (patient_id, created_at);

CREATE TABLE program_item (
    id                        INTEGER PRIMARY KEY,
    program_id                INTEGER NOT NULL REFERENCES program (id),
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
    days_per_week             INTEGER NOT NULL CHECK (days_per_week BETWEEN 1 AND 7),
    UNIQUE (program_id, position)
);
CREATE INDEX program_item_by_exercise ON program_item (exercise_id);

CREATE TABLE session (
    id         INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patient (id),
    program_id INTEGER NOT NULL,
    started_at TEXT    NOT NULL,
    ended_at   TEXT,
    status     TEXT    NOT NULL DEFAULT 'in-progress'
               CHECK (status IN ('in-progress', 'completed', 'partial', 'aborted')),
    flagged    INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
    CHECK ((status = 'in-progress' AND ended_at IS NULL) OR (status <> 'in-progress' AND ended_at IS NOT NULL)),
    -- the program must be one of this patient's programs
    FOREIGN KEY (program_id, patient_id) REFERENCES program (id, patient_id)
);
CREATE INDEX session_by_patient ON session (patient_id, started_at);
CREATE INDEX session_by_program ON session (program_id, started_at);
CREATE INDEX session_in_progress ON session (started_at) WHERE status = 'in-progress';

-- The append-only log: one row per thing that happened in a session.
CREATE TABLE session_event (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES session (id),
    seq             INTEGER NOT NULL CHECK (seq >= 1),
    at_ms           INTEGER NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN (
                        'session-started', 'session-resumed', 'exercise-started', 'set-started',
                        'rep-done', 'hold-started', 'hold-ended', 'timed-started', 'timed-ended',
                        'set-finished', 'set-skipped', 'exercise-finished', 'exercise-skipped',
                        'back', 'paused', 'resumed', 'pain-rated', 'pain-stop', 'assessment-result',
                        'session-ended', 'session-aborted', 'session-closed-partial')),
    program_item_id INTEGER REFERENCES program_item (id),
    exercise_id     TEXT    REFERENCES exercise (id),
    set_index       INTEGER NOT NULL DEFAULT 0 CHECK (set_index >= 0),
    rep_index       INTEGER NOT NULL DEFAULT 0 CHECK (rep_index >= 0),
    side            TEXT    CHECK (side IN ('left', 'right', 'both')),
    hold_ms         INTEGER CHECK (hold_ms >= 0),
    pain            INTEGER CHECK (pain BETWEEN 0 AND 10),
    pain_context    TEXT    CHECK (pain_context IN (
                        'before-session', 'during', 'after-exercise', 'after-session', 'next-morning')),
    detail          TEXT    NOT NULL DEFAULT '',
    CHECK (kind <> 'pain-rated' OR (pain IS NOT NULL AND pain_context IS NOT NULL)),
    UNIQUE (session_id, seq)   -- also the index for "events of a session in order"
);
CREATE INDEX session_event_pain ON session_event (exercise_id, at_ms) WHERE pain IS NOT NULL;
CREATE INDEX session_event_by_time ON session_event (at_ms);

-- What is logged stays logged (SQLite-specific: PostgreSQL would use a
-- trigger function or REVOKE UPDATE, DELETE).
CREATE TRIGGER session_event_no_update BEFORE UPDATE ON session_event
BEGIN
    SELECT RAISE(ABORT, 'session_event is append-only: a logged event cannot be changed');
END;

CREATE TRIGGER session_event_no_delete BEFORE DELETE ON session_event
BEGIN
    SELECT RAISE(ABORT, 'session_event is append-only: a logged event cannot be deleted');
END;

-- Suggestions of the progression rules, decided by the therapist.
CREATE TABLE proposal (
    id              INTEGER PRIMARY KEY,
    program_item_id INTEGER NOT NULL REFERENCES program_item (id),
    session_id      INTEGER REFERENCES session (id),   -- the session that led to it, if any
    kind            TEXT    NOT NULL CHECK (kind IN ('progress', 'regress')),
    reason          TEXT    NOT NULL CHECK (reason <> ''),
    created_at      TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
    decided_at      TEXT,
    CHECK ((status = 'pending' AND decided_at IS NULL) OR (status <> 'pending' AND decided_at IS NOT NULL))
);
CREATE INDEX proposal_by_item ON proposal (program_item_id, status);
