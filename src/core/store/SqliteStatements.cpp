#include "SqliteStatements.h"

using namespace Qt::StringLiterals;

namespace rehabit::sqlite::statement {

// --- connection set-up, inspection and health --------------------------------
const QStringList ReadWritePragmas = {
    u"PRAGMA foreign_keys = ON"_s,
    u"PRAGMA synchronous = FULL"_s,
    u"PRAGMA busy_timeout = 5000"_s,
};
const QStringList ReadOnlyPragmas = {
    u"PRAGMA query_only = ON"_s,
    u"PRAGMA busy_timeout = 5000"_s,
};
const QString JournalModeWal = u"PRAGMA journal_mode = WAL"_s;
const QString ApplicationId = u"PRAGMA application_id"_s;
const QString UserVersion = u"PRAGMA user_version"_s;
const QString SchemaObjectCount = u"SELECT count(*) FROM sqlite_master"_s;
const QString QuickCheck = u"PRAGMA quick_check"_s;
const QString IntegrityCheck = u"PRAGMA integrity_check"_s;
const QString ForeignKeyCheck = u"PRAGMA foreign_key_check"_s;

// --- catalog ------------------------------------------------------------------
const QString SelectCatalogMeta =
    u"SELECT bundled_version, source_title, source_publisher, source_authors FROM catalog_meta WHERE id = 1"_s;
const QString UpdateCatalogMeta =
    u"UPDATE catalog_meta SET bundled_version = ?, source_title = ?, source_publisher = ?, source_authors = ?, "
    u"imported_at = ? WHERE id = 1"_s;
const QString SelectExerciseStates = u"SELECT id, origin, sort_order, definition FROM exercise"_s;
const QString InsertExercise =
    u"INSERT INTO exercise (name, phase, category, kind, sides, sort_order, "
    u"sets_min, sets_max, sets_default, reps_min, reps_max, reps_default, "
    u"hold_seconds_min, hold_seconds_max, hold_seconds_default, "
    u"duration_seconds_min, duration_seconds_max, duration_seconds_default, definition, updated_at, id, origin, "
    u"uuid, revised_at, revised_by) "
    u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
const QString UpdateExercise =
    u"UPDATE exercise SET name = ?, phase = ?, category = ?, kind = ?, sides = ?, sort_order = ?, "
    u"sets_min = ?, sets_max = ?, sets_default = ?, reps_min = ?, reps_max = ?, reps_default = ?, "
    u"hold_seconds_min = ?, hold_seconds_max = ?, hold_seconds_default = ?, "
    u"duration_seconds_min = ?, duration_seconds_max = ?, duration_seconds_default = ?, definition = ?, "
    u"updated_at = ?, revision = revision + 1, revised_at = updated_at, revised_by = ? WHERE id = ? AND origin = ?"_s;
const QString KeepExerciseRevision =
    u"INSERT INTO row_revision (row_uuid, kind, revision, revised_at, revised_by, content) "
    u"SELECT uuid, 'exercise', revision, revised_at, revised_by, json_object('definition', json(definition)) "
    u"FROM exercise WHERE id = ? AND uuid IS NOT NULL"_s;
const QString SelectExercises = u"SELECT id, origin, definition FROM exercise "
                                u"ORDER BY CASE origin WHEN 'bundled' THEN 0 ELSE 1 END, sort_order, id"_s;
const QString SelectExercise = u"SELECT id, origin, definition FROM exercise WHERE id = ?"_s;
const QString NextCustomOrder = u"SELECT COALESCE(MAX(sort_order) + 1, 0) FROM exercise WHERE origin = 'custom'"_s;

// --- patients and notes -------------------------------------------------------
const QString InsertPatient =
    u"INSERT INTO patient (name, created_at, archived, uuid, revision, revised_at, revised_by) "
    u"VALUES (?, ?, ?, ?, ?, ?, ?)"_s;
const QString SelectPatients =
    u"SELECT id, name, created_at, archived, uuid, revision FROM patient WHERE archived = 0 OR ? = 1 ORDER BY id"_s;
const QString SelectPatientsByName =
    u"SELECT id, name, created_at, archived, uuid, revision FROM patient WHERE archived = 0 OR ? = 1 "
    u"ORDER BY name, id"_s;
const QString SelectPatient = u"SELECT id, name, created_at, archived, uuid, revision FROM patient WHERE id = ?"_s;
const QString SelectPatientByUuid =
    u"SELECT id, name, created_at, archived, uuid, revision FROM patient WHERE uuid = ?"_s;
// The patient holding a row of one of the UUIDs, bound as a JSON array, once per part.
const QString SelectPatientHoldingAny =
    u"SELECT id, name, created_at, archived, uuid, revision FROM patient WHERE id = ("
    u"SELECT patient_id FROM ("
    u"SELECT 0 AS part, id AS patient_id FROM patient WHERE uuid IN (SELECT value FROM json_each(?)) "
    u"UNION ALL SELECT 1, patient_id FROM session WHERE uuid IN (SELECT value FROM json_each(?)) "
    u"UNION ALL SELECT 2, patient_id FROM patient_note WHERE uuid IN (SELECT value FROM json_each(?)) "
    u"UNION ALL SELECT 3, patient_id FROM program WHERE uuid IN (SELECT value FROM json_each(?)) "
    u"UNION ALL SELECT 4, p.patient_id FROM program_item_version v JOIN program_item i ON i.id = v.program_item_id "
    u"JOIN program p ON p.id = i.program_id WHERE v.uuid IN (SELECT value FROM json_each(?)) "
    u"UNION ALL SELECT 5, p.patient_id FROM proposal r JOIN program_item i ON i.id = r.program_item_id "
    u"JOIN program p ON p.id = i.program_id WHERE r.uuid IN (SELECT value FROM json_each(?)) "
    u"OR r.decision_uuid IN (SELECT value FROM json_each(?))"
    u") ORDER BY part LIMIT 1)"_s;
const QString SelectPatientSummaries =
    u"SELECT p.id, p.name, p.created_at, p.archived, p.uuid, p.revision, "
    u"(SELECT count(*) FROM session s WHERE s.patient_id = p.id), "
    u"(SELECT max(s.started_at) FROM session s WHERE s.patient_id = p.id), "
    // Flagged as PatientHistory's SessionReview::flagged says: stored flag, pain stop, a
    // rating above the limit (bound), or a next morning above the before-session rating.
    u"(SELECT count(*) FROM session s WHERE s.patient_id = p.id AND (s.flagged = 1 "
    u"  OR EXISTS (SELECT 1 FROM session_event e WHERE e.session_id = s.id "
    u"    AND (e.kind = 'pain-stop' OR (e.kind = 'pain-rated' AND e.pain > ?))) "
    u"  OR EXISTS (SELECT 1 FROM session_event m WHERE m.session_id = s.id AND m.kind = 'pain-rated' "
    u"    AND m.pain_context = 'next-morning' AND m.pain > (SELECT b.pain FROM session_event b "
    u"      WHERE b.session_id = s.id AND b.kind = 'pain-rated' AND b.pain_context = 'before-session' "
    u"      ORDER BY b.seq DESC LIMIT 1)))), "
    u"(SELECT count(*) FROM program g JOIN program_item i ON i.program_id = g.id "
    u"  JOIN proposal q ON q.program_item_id = i.id WHERE g.patient_id = p.id AND q.status = 'pending'), "
    u"EXISTS (SELECT 1 FROM program g WHERE g.patient_id = p.id AND g.active = 1) "
    u"FROM patient p WHERE p.archived = 0 OR ? = 1 ORDER BY p.name, p.id"_s;
const QString KeepPatientRevision =
    u"INSERT INTO row_revision (row_uuid, kind, revision, revised_at, revised_by, content) "
    u"SELECT uuid, 'patient', revision, revised_at, revised_by, json_object('name', name, 'archived', archived) "
    u"FROM patient WHERE id = ? AND uuid IS NOT NULL"_s;
const QString RenamePatient =
    u"UPDATE patient SET name = ?, revision = revision + 1, revised_at = ?, revised_by = ? WHERE id = ?"_s;
const QString ArchivePatient =
    u"UPDATE patient SET archived = ?, revision = revision + 1, revised_at = ?, revised_by = ? WHERE id = ?"_s;
const QString SelectNotes =
    u"SELECT id, patient_id, written_at, body, uuid, revision FROM patient_note WHERE patient_id = ? "
    u"ORDER BY written_at, id"_s;
const QString SelectNote = u"SELECT id, patient_id, written_at, body, uuid, revision FROM patient_note WHERE id = ?"_s;
const QString InsertNote = u"INSERT INTO patient_note (patient_id, written_at, body, uuid, revision, revised_at, "
                           u"revised_by) VALUES (?, ?, ?, ?, 1, ?, ?)"_s;
const QString KeepNoteRevision =
    u"INSERT INTO row_revision (row_uuid, kind, revision, revised_at, revised_by, content) "
    u"SELECT uuid, 'patient_note', revision, revised_at, revised_by, json_object('written_at', written_at, 'body', "
    u"body) FROM patient_note WHERE id = ? AND uuid IS NOT NULL"_s;
const QString UpdateNote = u"UPDATE patient_note SET written_at = ?, body = ?, revision = revision + 1, "
                           u"revised_at = ?, revised_by = ? WHERE id = ?"_s;
const QString DeleteNote = u"DELETE FROM patient_note WHERE id = ?"_s;

// --- programs, their items and the items' versions ----------------------------
const QString InsertProgram =
    u"INSERT INTO program (patient_id, name, pain_rule, progression_sessions, active, created_at, deactivated_at, "
    u"uuid, revision, revised_at, revised_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
const QString SelectPrograms =
    u"SELECT id, patient_id, name, pain_rule, progression_sessions, active, created_at, deactivated_at, uuid, "
    u"revision FROM program "
    u"WHERE patient_id = ? ORDER BY created_at, id"_s;
const QString SelectProgram =
    u"SELECT id, patient_id, name, pain_rule, progression_sessions, active, created_at, deactivated_at, uuid, "
    u"revision FROM program "
    u"WHERE id = ?"_s;
const QString SelectProgramState = u"SELECT active, deactivated_at FROM program WHERE id = ?"_s;
const QString KeepProgramRevision =
    u"INSERT INTO row_revision (row_uuid, kind, revision, revised_at, revised_by, content) "
    u"SELECT uuid, 'program', revision, revised_at, revised_by, json_object('name', name, 'pain_rule', pain_rule, "
    u"'progression_sessions', progression_sessions, 'active', active, 'deactivated_at', deactivated_at) "
    u"FROM program WHERE id = ? AND uuid IS NOT NULL"_s;
const QString UpdateProgram =
    u"UPDATE program SET name = ?, pain_rule = ?, progression_sessions = ?, active = ?, deactivated_at = ?, "
    u"revision = revision + 1, revised_at = ?, revised_by = ? WHERE id = ?"_s;
const QString SetProgramActive = u"UPDATE program SET active = ?, deactivated_at = ?, revision = revision + 1, "
                                 u"revised_at = ?, revised_by = ? WHERE id = ?"_s;
const QString SessionsInProgressOfProgram =
    u"SELECT count(*) FROM session WHERE program_id = ? AND status = 'in-progress'"_s;
const QString InsertProgramItem =
    u"INSERT INTO program_item (program_id, position, exercise_id, sets, reps, hold_seconds, duration_seconds, "
    u"follow_up_seconds, rest_between_reps_seconds, rest_between_sets_seconds, rest_after_seconds, "
    u"position_seconds, sides, load, tempo, days_per_week, removed_at, uuid) "
    u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
const QString SelectCurrentProgramItems =
    u"SELECT id, position, exercise_id, sets, reps, hold_seconds, duration_seconds, follow_up_seconds, "
    u"rest_between_reps_seconds, rest_between_sets_seconds, rest_after_seconds, position_seconds, sides, load, "
    u"tempo, days_per_week, removed_at FROM program_item WHERE program_id = ? AND removed_at IS NULL "
    u"ORDER BY position"_s;
const QString SelectAllProgramItems =
    u"SELECT id, position, exercise_id, sets, reps, hold_seconds, duration_seconds, follow_up_seconds, "
    u"rest_between_reps_seconds, rest_between_sets_seconds, rest_after_seconds, position_seconds, sides, load, "
    u"tempo, days_per_week, removed_at FROM program_item WHERE program_id = ?"_s;
const QString ProgramOfItem = u"SELECT program_id FROM program_item WHERE id = ?"_s;
const QString PendingProposalsOfItem =
    u"SELECT count(*) FROM proposal WHERE program_item_id = ? AND status = 'pending'"_s;
const QString MoveProgramItemsAside =
    u"UPDATE program_item SET position = 1000000 + id WHERE program_id = ? AND removed_at IS NULL"_s;
const QString MoveProgramItemAside = u"UPDATE program_item SET position = 1000000 + id WHERE id = ?"_s;
const QString UpdateProgramItem =
    u"UPDATE program_item SET position = ?, exercise_id = ?, sets = ?, reps = ?, hold_seconds = ?, "
    u"duration_seconds = ?, follow_up_seconds = ?, rest_between_reps_seconds = ?, rest_between_sets_seconds = ?, "
    u"rest_after_seconds = ?, position_seconds = ?, sides = ?, load = ?, tempo = ?, days_per_week = ?, "
    u"removed_at = NULL WHERE id = ?"_s;
const QString RemoveProgramItem = u"UPDATE program_item SET removed_at = ?, position = 1000000 + id WHERE id = ?"_s;
const QString InsertItemVersion =
    u"INSERT INTO program_item_version (program_item_id, valid_from, removed, position, exercise_id, sets, reps, "
    u"hold_seconds, duration_seconds, follow_up_seconds, rest_between_reps_seconds, rest_between_sets_seconds, "
    u"rest_after_seconds, position_seconds, sides, load, tempo, days_per_week, uuid) "
    u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
const QString SelectItemVersions =
    u"SELECT i.program_id, v.program_item_id, v.valid_from, v.removed, v.position, v.exercise_id, v.sets, v.reps, "
    u"v.hold_seconds, v.duration_seconds, v.follow_up_seconds, v.rest_between_reps_seconds, "
    u"v.rest_between_sets_seconds, v.rest_after_seconds, v.position_seconds, v.sides, v.load, v.tempo, "
    u"v.days_per_week, v.uuid FROM program_item i JOIN program_item_version v ON v.program_item_id = i.id "
    u"WHERE i.program_id = ? ORDER BY v.program_item_id, v.valid_from, v.id"_s;

// --- sessions and the append-only log -----------------------------------------
const QString CountProgramOfPatient = u"SELECT count(*) FROM program WHERE id = ? AND patient_id = ?"_s;
const QString InsertSession =
    u"INSERT INTO session (patient_id, program_id, started_at, ended_at, status, flagged, uuid, revision, revised_at, "
    u"revised_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
const QString SelectSessions =
    u"SELECT id, patient_id, program_id, started_at, ended_at, status, flagged, uuid, revision FROM session "
    u"WHERE patient_id = ? ORDER BY started_at, id"_s;
const QString SelectSession =
    u"SELECT id, patient_id, program_id, started_at, ended_at, status, flagged, uuid, revision FROM session WHERE id = ?"_s;
const QString SelectInterruptedSessions =
    u"SELECT id, patient_id, program_id, started_at, ended_at, status, flagged, uuid, revision FROM session "
    u"WHERE status = 'in-progress' ORDER BY started_at, id"_s;
const QString KeepSessionRevision =
    u"INSERT INTO row_revision (row_uuid, kind, revision, revised_at, revised_by, content) "
    u"SELECT uuid, 'session', revision, revised_at, revised_by, json_object('status', status, 'ended_at', ended_at, "
    u"'flagged', flagged) FROM session WHERE id = ? AND status = 'in-progress' AND uuid IS NOT NULL"_s;
const QString FinishSession =
    u"UPDATE session SET status = ?, ended_at = ?, flagged = ?, revision = revision + 1, revised_at = ?, "
    u"revised_by = ? WHERE id = ? AND status = 'in-progress'"_s;
const QString SelectSessionStatus = u"SELECT status FROM session WHERE id = ?"_s;
const QString NextEventSeq = u"SELECT COALESCE(MAX(seq), 0) + 1 FROM session_event WHERE session_id = ?"_s;
const QString InsertEvent =
    u"INSERT INTO session_event (session_id, seq, at_ms, kind, program_item_id, exercise_id, set_index, rep_index, "
    u"side, hold_ms, pain, pain_context, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
const QString SelectEventBySeq =
    u"SELECT id, session_id, seq, at_ms, kind, program_item_id, exercise_id, set_index, rep_index, side, hold_ms, "
    u"pain, pain_context, detail FROM session_event WHERE session_id = ? AND seq = ?"_s;
const QString SelectEvents =
    u"SELECT id, session_id, seq, at_ms, kind, program_item_id, exercise_id, set_index, rep_index, side, hold_ms, "
    u"pain, pain_context, detail FROM session_event WHERE session_id = ? ORDER BY seq"_s;
const QString SelectPatientEvents =
    u"SELECT e.id, e.session_id, e.seq, e.at_ms, e.kind, e.program_item_id, e.exercise_id, e.set_index, "
    u"e.rep_index, e.side, e.hold_ms, e.pain, e.pain_context, e.detail "
    u"FROM session s JOIN session_event e ON e.session_id = s.id WHERE s.patient_id = ? "
    u"ORDER BY s.started_at, s.id, e.seq"_s;
// session_by_patient, then the partial index session_event_pain_by_session.
const QString SelectPatientPainEvents =
    u"SELECT e.id, e.session_id, e.seq, e.at_ms, e.kind, e.program_item_id, e.exercise_id, e.set_index, "
    u"e.rep_index, e.side, e.hold_ms, e.pain, e.pain_context, e.detail "
    u"FROM session s JOIN session_event e ON e.session_id = s.id WHERE s.patient_id = ? AND e.pain IS NOT NULL "
    u"ORDER BY e.at_ms, e.session_id, e.seq"_s;

// --- the therapist's review ----------------------------------------------------
// One pass over the patient's log in the order of its indexes
// (session_by_patient, then each session's (session_id, seq) key), grouped by
// session in that order, so SQLite sorts nothing. Per session:
//   1. the quarter hours with events (every event, the session's own included);
//   2. "item:unit" for every rep-done, timed-ended and assessment-result event of
//      an item, unit = (set x 4096 + rep) x 16 + kind x 4 + side while rep <
//      4096 (short), else the four spelled out: one text per distinct (kind,
//      set, side, rep). The distinct count is taken in C++, which is cheaper
//      than SQL's DISTINCT;
//   3. "item:s" (exercise-skipped), "item:p" (pain-stop), "item:u" (pain-stop
//      without a rating), item 0 for none: rare events.
const QString SelectSessionActivity =
    u"SELECT e.session_id, group_concat(DISTINCT e.at_ms / 900000), "
    u"group_concat(CASE WHEN e.program_item_id IS NOT NULL "
    u"AND e.kind IN ('rep-done', 'timed-ended', 'assessment-result') "
    u"THEN e.program_item_id || ':' || (CASE WHEN e.rep_index < 4096 THEN (e.set_index * 4096 + e.rep_index) * 16 "
    u"+ (CASE e.kind WHEN 'rep-done' THEN 4 WHEN 'timed-ended' THEN 8 ELSE 12 END) "
    u"+ (CASE e.side WHEN 'left' THEN 1 WHEN 'right' THEN 2 WHEN 'both' THEN 3 ELSE 0 END) "
    u"ELSE e.kind || '/' || e.set_index || '/' || ifnull(e.side, '') || '/' || e.rep_index END) END), "
    u"group_concat(CASE WHEN e.kind IN ('exercise-skipped', 'pain-stop') "
    u"THEN ifnull(e.program_item_id, 0) || ':' "
    u"|| (CASE WHEN e.kind = 'exercise-skipped' THEN 's' WHEN e.pain IS NULL THEN 'u' ELSE 'p' END) END) "
    u"FROM session s JOIN session_event e ON e.session_id = s.id WHERE s.patient_id = ? "
    u"GROUP BY s.started_at, s.id"_s;
// session_by_patient, then the partial index session_event_pain_by_session
// (as SelectPatientPainEvents), with the columns the review reads. Qt SQL
// turns every text value into a QString: the two codes of nearly every row
// come back as numbers (kind: 0 pain-rated, 1 pain-stop, else its code;
// context: 0 before-session ... 4 next-morning), the empty detail as NULL.
const QString SelectPainRatings =
    u"SELECT e.session_id, e.seq, e.at_ms, "
    u"CASE e.kind WHEN 'pain-rated' THEN 0 WHEN 'pain-stop' THEN 1 ELSE e.kind END, e.program_item_id, "
    u"e.exercise_id, e.pain, CASE e.pain_context WHEN 'before-session' THEN 0 WHEN 'during' THEN 1 "
    u"WHEN 'after-exercise' THEN 2 WHEN 'after-session' THEN 3 WHEN 'next-morning' THEN 4 END, "
    u"nullif(e.detail, '') "
    u"FROM session s JOIN session_event e ON e.session_id = s.id WHERE s.patient_id = ? AND e.pain IS NOT NULL "
    u"ORDER BY e.at_ms, e.session_id, e.seq"_s;

// --- proposals ------------------------------------------------------------------
const QString InsertProposal =
    u"INSERT INTO proposal (program_item_id, session_id, kind, reason, created_at, status, decided_at, uuid, "
    u"decision_uuid, revision, revised_at, revised_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
const QString SelectProposals =
    u"SELECT p.id, p.program_item_id, p.session_id, p.kind, p.reason, p.created_at, p.status, p.decided_at, p.uuid, "
    u"p.decision_uuid, p.revision "
    u"FROM proposal p JOIN program_item i ON i.id = p.program_item_id JOIN program g ON g.id = i.program_id "
    u"WHERE g.patient_id = ? AND (? IS NULL OR p.status = ?) ORDER BY p.created_at, p.id"_s;
const QString SelectProposal =
    u"SELECT p.id, p.program_item_id, p.session_id, p.kind, p.reason, p.created_at, p.status, p.decided_at, p.uuid, "
    u"p.decision_uuid, p.revision "
    u"FROM proposal p WHERE p.id = ?"_s;
const QString KeepProposalRevision =
    u"INSERT INTO row_revision (row_uuid, kind, revision, revised_at, revised_by, content) "
    u"SELECT uuid, 'proposal', revision, revised_at, revised_by, json_object('status', status, 'decided_at', "
    u"decided_at, 'decision_uuid', decision_uuid) FROM proposal WHERE id = ? AND status = 'pending' "
    u"AND uuid IS NOT NULL"_s;
const QString DecideProposal =
    u"UPDATE proposal SET status = ?, decided_at = ?, decision_uuid = ?, revision = revision + 1, revised_at = ?, "
    u"revised_by = ? WHERE id = ? AND status = 'pending'"_s;
const QString SelectProposalStatus = u"SELECT status FROM proposal WHERE id = ?"_s;
const QString SelectProposalProgram =
    u"SELECT i.program_id FROM proposal p JOIN program_item i ON i.id = p.program_item_id WHERE p.id = ?"_s;

// --- revisions ---------------------------------------------------------------
const QString SelectRevisions = u"SELECT row_uuid, kind, revision, revised_at, revised_by, content FROM row_revision "
                                u"WHERE row_uuid = ? ORDER BY revision"_s;

} // namespace rehabit::sqlite::statement
