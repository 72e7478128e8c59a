#pragma once
// SqliteStatements: every SQL statement of the SQLite store, each defined
// once (SqliteStatements.cpp), named by what it does. The schema itself is
// in src/core/sql/sqlite/. A second dialect has a file of its own like this
// one; the store's logic does not change. Private to the store.

#include <QString>
#include <QStringList>

namespace rehabit::sqlite::statement {

// --- connection set-up, inspection and health --------------------------------
extern const QStringList ReadWritePragmas; ///< per connection
extern const QStringList ReadOnlyPragmas;  ///< per connection
extern const QString JournalModeWal;       ///< stored in the file: run once on open
extern const QString ApplicationId;
extern const QString UserVersion;
extern const QString SchemaObjectCount;
extern const QString QuickCheck;
extern const QString IntegrityCheck;
extern const QString ForeignKeyCheck;

// --- catalog ------------------------------------------------------------------
extern const QString SelectCatalogMeta;
extern const QString UpdateCatalogMeta;
extern const QString SelectExerciseStates;
extern const QString InsertExercise;
extern const QString UpdateExercise;
extern const QString KeepExerciseRevision; ///< the row as it was, into row_revision
extern const QString SelectExercises;
extern const QString SelectExercise;
extern const QString NextCustomOrder;

// --- patients and notes -------------------------------------------------------
extern const QString InsertPatient;
extern const QString SelectPatients;
extern const QString SelectPatientsByName;
extern const QString SelectPatient;
extern const QString SelectPatientByUuid;
extern const QString SelectPatientHoldingAny;
extern const QString SelectPatientSummaries;
extern const QString KeepPatientRevision;
extern const QString RenamePatient;
extern const QString ArchivePatient;
extern const QString SelectNotes;
extern const QString SelectNote;
extern const QString InsertNote;
extern const QString KeepNoteRevision;
extern const QString UpdateNote;
extern const QString DeleteNote;

// --- programs, their items and the items' versions ----------------------------
extern const QString InsertProgram;
extern const QString SelectPrograms;
extern const QString SelectProgram;
extern const QString SelectProgramState;
extern const QString KeepProgramRevision;
extern const QString UpdateProgram;
extern const QString SetProgramActive;
extern const QString SessionsInProgressOfProgram;
extern const QString InsertProgramItem;
extern const QString SelectCurrentProgramItems;
extern const QString SelectAllProgramItems;
extern const QString ProgramOfItem;
extern const QString PendingProposalsOfItem;
extern const QString MoveProgramItemsAside;
extern const QString MoveProgramItemAside;
extern const QString UpdateProgramItem;
extern const QString RemoveProgramItem;
extern const QString InsertItemVersion;
extern const QString SelectItemVersions;

// --- sessions and the append-only log -----------------------------------------
extern const QString CountProgramOfPatient;
extern const QString InsertSession;
extern const QString SelectSessions;
extern const QString SelectSession;
extern const QString SelectInterruptedSessions;
extern const QString KeepSessionRevision;
extern const QString FinishSession;
extern const QString SelectSessionStatus;
extern const QString NextEventSeq;
extern const QString InsertEvent;
extern const QString SelectEventBySeq;
extern const QString SelectEvents;
extern const QString SelectPatientEvents;
extern const QString SelectPatientPainEvents;

// --- the therapist's review (SqliteStoreReviewQueries.cpp maps their rows) ----
extern const QString SelectSessionActivity;
extern const QString SelectPainRatings;

// --- proposals ------------------------------------------------------------------
extern const QString InsertProposal;
extern const QString SelectProposals;
extern const QString SelectProposal;
extern const QString KeepProposalRevision;
extern const QString DecideProposal;
extern const QString SelectProposalStatus;
extern const QString SelectProposalProgram;

// --- revisions -------------------------------------------------------------------
extern const QString SelectRevisions;

} // namespace rehabit::sqlite::statement
