-- Rehabit schema, version 3 (SQLite dialect): global identity and revisions,
-- for the clinic server and the home-clinic exchange.
--
-- Every patient, note, program, program item and item version, session,
-- proposal (and its decision) and custom exercise gets a UUID (text, 36
-- characters, lower case, without braces) that stays the same in every
-- database the row is copied to; the integer ids stay the local keys. An
-- event's global key is its session's UUID and its seq.
--
-- Rows that change in place carry their revision (1 when written, one more at
-- every change), and the time and author of the revision; each earlier
-- revision is kept in row_revision, as JSON of the fields that changed in
-- place.
--
-- Run by SchemaMigrator inside the one transaction of a migration, after a
-- verified backup of the file.

ALTER TABLE patient ADD COLUMN uuid TEXT CHECK (uuid IS NULL OR length(uuid) = 36);
ALTER TABLE patient ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
ALTER TABLE patient ADD COLUMN revised_at TEXT;
ALTER TABLE patient ADD COLUMN revised_by TEXT;

ALTER TABLE patient_note ADD COLUMN uuid TEXT CHECK (uuid IS NULL OR length(uuid) = 36);
ALTER TABLE patient_note ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
ALTER TABLE patient_note ADD COLUMN revised_at TEXT;
ALTER TABLE patient_note ADD COLUMN revised_by TEXT;

ALTER TABLE program ADD COLUMN uuid TEXT CHECK (uuid IS NULL OR length(uuid) = 36);
ALTER TABLE program ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
ALTER TABLE program ADD COLUMN revised_at TEXT;
ALTER TABLE program ADD COLUMN revised_by TEXT;

ALTER TABLE program_item ADD COLUMN uuid TEXT CHECK (uuid IS NULL OR length(uuid) = 36);
ALTER TABLE program_item_version ADD COLUMN uuid TEXT CHECK (uuid IS NULL OR length(uuid) = 36);

ALTER TABLE session ADD COLUMN uuid TEXT CHECK (uuid IS NULL OR length(uuid) = 36);
ALTER TABLE session ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
ALTER TABLE session ADD COLUMN revised_at TEXT;
ALTER TABLE session ADD COLUMN revised_by TEXT;

ALTER TABLE proposal ADD COLUMN uuid TEXT CHECK (uuid IS NULL OR length(uuid) = 36);
ALTER TABLE proposal ADD COLUMN decision_uuid TEXT CHECK (decision_uuid IS NULL OR length(decision_uuid) = 36);
ALTER TABLE proposal ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
ALTER TABLE proposal ADD COLUMN revised_at TEXT;
ALTER TABLE proposal ADD COLUMN revised_by TEXT;

-- Bundled exercises are the catalog's and are known by their id; only the
-- therapist's own get a UUID.
ALTER TABLE exercise ADD COLUMN uuid TEXT CHECK (uuid IS NULL OR length(uuid) = 36);
ALTER TABLE exercise ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
ALTER TABLE exercise ADD COLUMN revised_at TEXT;
ALTER TABLE exercise ADD COLUMN revised_by TEXT;

-- The rows already there: a random (version 4) UUID each. The expression is
-- repeated because SQLite has no functions of a script's own.
UPDATE patient SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1)
    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))), revised_at = created_at;
UPDATE patient_note SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1)
    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))), revised_at = written_at;
UPDATE program SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1)
    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
    revised_at = COALESCE(deactivated_at, created_at);
UPDATE program_item SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1)
    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
UPDATE program_item_version SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1)
    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
UPDATE session SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1)
    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
    revised_at = COALESCE(ended_at, started_at);
UPDATE proposal SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1)
    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
    revised_at = COALESCE(decided_at, created_at);
UPDATE proposal SET decision_uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1)
    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
    WHERE status <> 'pending';
UPDATE exercise SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1)
    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))), revised_at = updated_at
    WHERE origin = 'custom';

CREATE UNIQUE INDEX patient_by_uuid ON patient (uuid);
CREATE UNIQUE INDEX patient_note_by_uuid ON patient_note (uuid);
CREATE UNIQUE INDEX program_by_uuid ON program (uuid);
CREATE UNIQUE INDEX program_item_by_uuid ON program_item (uuid);
CREATE UNIQUE INDEX program_item_version_by_uuid ON program_item_version (uuid);
CREATE UNIQUE INDEX session_by_uuid ON session (uuid);
CREATE UNIQUE INDEX proposal_by_uuid ON proposal (uuid);
CREATE UNIQUE INDEX proposal_by_decision_uuid ON proposal (decision_uuid);
CREATE UNIQUE INDEX exercise_by_uuid ON exercise (uuid);

-- The earlier revisions of rows that change in place: row_uuid is the row's
-- UUID, kind its table ('patient', 'patient_note', 'program', 'session',
-- 'proposal', 'exercise'), content a JSON object of the fields as they were.
CREATE TABLE row_revision (
    id         INTEGER PRIMARY KEY,
    row_uuid   TEXT    NOT NULL CHECK (length(row_uuid) = 36),
    kind       TEXT    NOT NULL CHECK (kind IN ('patient', 'patient_note', 'program', 'session', 'proposal',
                                                'exercise')),
    revision   INTEGER NOT NULL CHECK (revision >= 1),
    revised_at TEXT,
    revised_by TEXT,
    content    TEXT    NOT NULL,
    UNIQUE (row_uuid, revision)
);

-- Earlier revisions are never changed nor removed, like the session log.
CREATE TRIGGER row_revision_no_update BEFORE UPDATE ON row_revision
BEGIN
    SELECT RAISE(ABORT, 'row_revision is append-only');
END;
CREATE TRIGGER row_revision_no_delete BEFORE DELETE ON row_revision
BEGIN
    SELECT RAISE(ABORT, 'row_revision is append-only');
END;
