#include "therapist/RecordCommands.h"

#include "rehabit/store/Store.h"

#include <QCoreApplication>

namespace rehabit {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::RecordCommands", text);
}

/// A change already stored when pushed: the first redo() (QUndoStack::push) writes nothing.
class RecordCommand : public QUndoCommand {
public:
    RecordCommand(Store &store, RecordCommandHooks hooks, qint64 patientId, const QString &text)
        : m_store(store)
        , m_hooks(std::move(hooks))
        , m_patientId(patientId)
    {
        setText(text);
    }
    void redo() final
    {
        if (std::exchange(m_pushed, false))
            return;
        finish(apply(true));
    }
    void undo() final { finish(apply(false)); }

protected:
    /// Writes the state after the change (`forward`) or before it.
    virtual Result<void> apply(bool forward) = 0;
    Store &m_store;

private:
    void finish(const Result<void> &written)
    {
        if (!written && m_hooks.failed)
            m_hooks.failed(tr("Could not %1").arg(text()), written.error());
        if (m_hooks.changed)
            m_hooks.changed(m_patientId);
    }

    RecordCommandHooks m_hooks;
    qint64 m_patientId;
    bool m_pushed = true;
};

class RenamePatient final : public RecordCommand {
public:
    RenamePatient(Store &store, RecordCommandHooks hooks, qint64 patientId, QString before, QString after)
        : RecordCommand(store, std::move(hooks), patientId, tr("rename %1 to %2").arg(before, after))
        , m_id(patientId)
        , m_before(std::move(before))
        , m_after(std::move(after))
    {}

private:
    Result<void> apply(bool forward) override
    {
        if (auto r = m_store.renamePatient(m_id, forward ? m_after : m_before); !r)
            return r.error();
        return {};
    }
    qint64 m_id;
    QString m_before;
    QString m_after;
};

class ArchivePatient final : public RecordCommand {
public:
    ArchivePatient(Store &store, RecordCommandHooks hooks, qint64 patientId, bool archived)
        : RecordCommand(store, std::move(hooks), patientId,
                        archived ? tr("archive the patient") : tr("restore the patient"))
        , m_id(patientId)
        , m_archived(archived)
    {}

private:
    Result<void> apply(bool forward) override
    {
        if (auto r = m_store.setPatientArchived(m_id, forward ? m_archived : !m_archived); !r)
            return r.error();
        return {};
    }
    qint64 m_id;
    bool m_archived;
};

class EditNote final : public RecordCommand {
public:
    EditNote(Store &store, RecordCommandHooks hooks, PatientNote before, PatientNote after)
        : RecordCommand(store, std::move(hooks), before.patientId, tr("edit the note"))
        , m_before(std::move(before))
        , m_after(std::move(after))
    {}

private:
    Result<void> apply(bool forward) override
    {
        if (auto r = m_store.updateNote(forward ? m_after : m_before); !r)
            return r.error();
        return {};
    }
    PatientNote m_before;
    PatientNote m_after;
};

class DeleteNote final : public RecordCommand {
public:
    DeleteNote(Store &store, RecordCommandHooks hooks, PatientNote deleted)
        : RecordCommand(store, std::move(hooks), deleted.patientId, tr("delete the note"))
        , m_note(std::move(deleted))
    {}

private:
    Result<void> apply(bool forward) override
    {
        if (forward) {
            if (auto r = m_store.deleteNote(m_note.id); !r)
                return r.error();
            return {};
        }
        PatientNote again = m_note;
        again.id = 0;
        again.uuid.clear();
        again.revision = 0;
        auto added = m_store.addNote(again);
        if (!added)
            return added.error();
        m_note.id = added->id; // redo deletes the note written back
        return {};
    }
    PatientNote m_note;
};

} // namespace

QUndoCommand *renamePatientCommand(Store &store, RecordCommandHooks hooks, qint64 patientId, QString before,
                                   QString after)
{
    return new RenamePatient(store, std::move(hooks), patientId, std::move(before), std::move(after));
}

QUndoCommand *archivePatientCommand(Store &store, RecordCommandHooks hooks, qint64 patientId, bool archived)
{
    return new ArchivePatient(store, std::move(hooks), patientId, archived);
}

QUndoCommand *editNoteCommand(Store &store, RecordCommandHooks hooks, PatientNote before, PatientNote after)
{
    return new EditNote(store, std::move(hooks), std::move(before), std::move(after));
}

QUndoCommand *deleteNoteCommand(Store &store, RecordCommandHooks hooks, PatientNote deleted)
{
    return new DeleteNote(store, std::move(hooks), std::move(deleted));
}

} // namespace rehabit
