// The therapist's page, its Notes tab: the dated notes of the patient shown,
// written, edited and deleted (TherapistPage's members, in a file of their own).

#include "therapist/TherapistPage.h"

#include "therapist/RecordCommands.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/store/Store.h"

#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextCursor>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace rehabit {

/// The Notes tab: the notes, the field for a new or edited note, its buttons and keys.
QWidget *TherapistPage::buildNotesTab()
{
    m_notes->setWordWrap(true);
    m_notes->setAccessibleName(tr("Notes"));
    m_noteDate->setCalendarPopup(true);
    m_noteDate->setDate(Clock::today());
    m_noteDate->setAccessibleName(tr("Date of the note"));
    m_noteText->setPlaceholderText(tr("Your note about this patient (only you see it)"));
    m_noteText->setTabChangesFocus(true);
    m_noteText->setMaximumHeight(120);
    m_noteText->setAccessibleName(tr("New note"));
    // Keys that belong to one widget (F2 and Delete mean other things elsewhere).
    const auto widgetKey = [this](QWidget *widget, const QKeySequence &keys, void (TherapistPage::*slot)()) {
        auto *a = new QAction(widget);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WidgetShortcut);
        connect(a, &QAction::triggered, this, slot);
        widget->addAction(a);
    };
    m_noteButton->setToolTip(tr("Saves the note at once (Ctrl+Return)"));
    connect(m_noteButton, &QPushButton::clicked, this, &TherapistPage::submitNote);
    widgetKey(m_noteText, QKeySequence(Qt::CTRL | Qt::Key_Return), &TherapistPage::submitNote);
    m_cancelNoteEdit->setToolTip(tr("Leaves the note as it is (Esc)"));
    m_cancelNoteEdit->setVisible(false);
    connect(m_cancelNoteEdit, &QPushButton::clicked, this, &TherapistPage::cancelEditingNote);
    widgetKey(m_noteText, QKeySequence(Qt::Key_Escape), &TherapistPage::cancelEditingNote);
    m_notes->setToolTip(tr("F2 or a double click edits a note, Delete deletes it"));
    widgetKey(m_notes, QKeySequence(Qt::Key_F2), &TherapistPage::startEditingNote);
    widgetKey(m_notes, QKeySequence::Delete, &TherapistPage::askDeleteNote);
    connect(m_notes, &QListWidget::itemDoubleClicked, this, &TherapistPage::startEditingNote);
    auto *editNoteButton = new QPushButton(tr("Ed&it note"));
    editNoteButton->setToolTip(tr("Puts the chosen note into the field below to change it (F2)"));
    connect(editNoteButton, &QPushButton::clicked, this, &TherapistPage::startEditingNote);
    auto *deleteNoteButton = new QPushButton(tr("De&lete note\u2026"));
    deleteNoteButton->setToolTip(tr("Deletes the chosen note after asking (Delete)"));
    connect(deleteNoteButton, &QPushButton::clicked, this, &TherapistPage::askDeleteNote);
    const auto showNoteChoice = [this, editNoteButton, deleteNoteButton] {
        const bool chosen = chosenNote() != nullptr;
        editNoteButton->setEnabled(chosen);
        deleteNoteButton->setEnabled(chosen);
    };
    // The note the keys act on is always the one shown chosen (tabbing into
    // the list makes the first note current; it is selected with it).
    connect(m_notes, &QListWidget::currentItemChanged, this, [](QListWidgetItem *current) {
        if (current)
            current->setSelected(true);
    });
    connect(m_notes, &QListWidget::itemSelectionChanged, this, showNoteChoice);
    showNoteChoice();
    m_noteProblem->setWordWrap(true);
    m_noteProblem->setTextFormat(Qt::PlainText);
    m_noteProblem->setAccessibleName(tr("Problem with the note"));
    m_noteProblem->setVisible(false);
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(editNoteButton);
    listRow->addWidget(deleteNoteButton);
    listRow->addStretch();
    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_noteDate);
    noteRow->addWidget(m_noteButton);
    noteRow->addWidget(m_cancelNoteEdit);
    noteRow->addStretch();
    auto *notesPage = new QWidget;
    auto *notesLayout = new QVBoxLayout(notesPage);
    notesLayout->addWidget(m_notes, 1);
    notesLayout->addLayout(listRow);
    notesLayout->addWidget(m_noteText);
    notesLayout->addWidget(m_noteProblem);
    notesLayout->addLayout(noteRow);
    // Once the widgets share a window (before, Qt ignores the order with a warning).
    const QList<QWidget *> noteTabOrder{m_notes,    editNoteButton, deleteNoteButton, m_noteText,
                                        m_noteDate, m_noteButton,   m_cancelNoteEdit};
    for (qsizetype i = 1; i < noteTabOrder.size(); ++i)
        QWidget::setTabOrder(noteTabOrder.at(i - 1), noteTabOrder.at(i));
    return notesPage;
}

void TherapistPage::reloadNotes()
{
    m_notes->clear();
    m_noteList.clear();
    if (!m_patientId)
        return;
    const auto notes = m_store.notes(m_patientId);
    if (!notes) {
        m_notes->addItem(notes.error().text());
        return;
    }
    // Newest first: the therapist reads the latest note first.
    for (auto it = notes->crbegin(); it != notes->crend(); ++it) {
        const QString date = QLocale().toString(it->writtenAt.toLocalTime().date(), QLocale::LongFormat);
        auto *item = new QListWidgetItem(tr("%1\n%2").arg(date, it->body));
        item->setData(Qt::UserRole, it->id);
        m_notes->addItem(item);
        m_noteList << *it;
    }
}

QDateTime TherapistPage::noteTime(QDate date) const
{
    return QDateTime(date, QTime(12, 0)).toUTC();
}

Result<void> TherapistPage::addNote(QDate date, const QString &text)
{
    if (!m_patientId)
        return Error{tr("Choose a patient first."), {}};
    PatientNote note;
    note.patientId = m_patientId;
    note.writtenAt = noteTime(date);
    note.body = text.trimmed();
    if (note.body.isEmpty())
        return Error{tr("The note is empty: type what you want to keep."), {}};
    auto added = m_store.addNote(note);
    if (!added)
        return added.error();
    m_noteText->clear();
    reloadNotes();
    return {};
}

Result<void> TherapistPage::editNote(qint64 noteId, QDate date, const QString &text)
{
    const auto old =
        std::find_if(m_noteList.cbegin(), m_noteList.cend(), [noteId](const PatientNote &n) { return n.id == noteId; });
    if (old == m_noteList.cend())
        return Error{tr("Choose one of the patient\u2019s notes first."), {}};
    PatientNote note = *old;
    // The same day keeps the note's time, so an unchanged date stays as stored.
    if (date != old->writtenAt.toLocalTime().date())
        note.writtenAt = noteTime(date);
    note.body = text.trimmed();
    if (note.body.isEmpty())
        return Error{tr("The note is empty: type what you want to keep, or delete the note."), {}};
    auto updated = m_store.updateNote(note);
    if (!updated)
        return updated.error();
    m_recordUndo->push(editNoteCommand(m_store, recordHooks(), *old, *updated));
    reloadNotes();
    return {};
}

Result<void> TherapistPage::deleteNote(qint64 noteId)
{
    const auto old =
        std::find_if(m_noteList.cbegin(), m_noteList.cend(), [noteId](const PatientNote &n) { return n.id == noteId; });
    if (auto deleted = m_store.deleteNote(noteId); !deleted)
        return deleted.error();
    if (old != m_noteList.cend())
        m_recordUndo->push(deleteNoteCommand(m_store, recordHooks(), *old));
    if (noteId == m_editedNote)
        cancelEditingNote();
    reloadNotes();
    return {};
}

void TherapistPage::showNoteProblem(const QString &text)
{
    m_noteProblem->setText(text);
    m_noteProblem->setVisible(true);
}

void TherapistPage::submitNote()
{
    const bool editing = m_editedNote != 0;
    const auto saved = editing ? editNote(m_editedNote, m_noteDate->date(), m_noteText->toPlainText())
                               : addNote(m_noteDate->date(), m_noteText->toPlainText());
    if (!saved) {
        showNoteProblem(editing ? tr("The note was not changed: %1").arg(saved.error().text())
                                : tr("The note was not saved: %1").arg(saved.error().text()));
        return;
    }
    const qint64 edited = m_editedNote;
    if (editing)
        cancelEditingNote();
    m_noteProblem->setVisible(false);
    for (int row = 0; edited && row < m_notes->count(); ++row) {
        if (m_notes->item(row)->data(Qt::UserRole).toLongLong() == edited)
            m_notes->setCurrentRow(row);
    }
}

const PatientNote *TherapistPage::chosenNote() const
{
    const QList<QListWidgetItem *> selected = m_notes->selectedItems();
    if (selected.isEmpty())
        return nullptr;
    const qint64 id = selected.constFirst()->data(Qt::UserRole).toLongLong();
    const auto note =
        std::find_if(m_noteList.cbegin(), m_noteList.cend(), [id](const PatientNote &n) { return n.id == id; });
    return note == m_noteList.cend() ? nullptr : &*note;
}

void TherapistPage::startEditingNote()
{
    const PatientNote *note = chosenNote();
    if (!note)
        return;
    m_editedNote = note->id;
    m_noteText->setPlainText(note->body);
    m_noteDate->setDate(note->writtenAt.toLocalTime().date());
    m_noteText->setAccessibleName(tr("Edited note"));
    m_noteButton->setText(tr("Save &changes"));
    m_noteButton->setToolTip(tr("Saves the changed note at once (Ctrl+Return)"));
    m_cancelNoteEdit->setVisible(true);
    m_noteProblem->setVisible(false);
    m_noteText->setFocus();
    m_noteText->moveCursor(QTextCursor::End);
}

void TherapistPage::cancelEditingNote()
{
    if (!m_editedNote)
        return;
    m_editedNote = 0;
    m_noteText->clear();
    m_noteDate->setDate(Clock::today());
    m_noteText->setAccessibleName(tr("New note"));
    m_noteButton->setText(tr("Add &note"));
    m_noteButton->setToolTip(tr("Saves the note at once (Ctrl+Return)"));
    m_cancelNoteEdit->setVisible(false);
    m_noteProblem->setVisible(false);
}

void TherapistPage::askDeleteNote()
{
    const PatientNote *note = chosenNote();
    if (!note)
        return;
    const qint64 id = note->id;
    const auto answer = QMessageBox::question(
        this, tr("Delete note"),
        tr("Delete this note? It cannot be brought back.\n\n%1").arg(m_notes->selectedItems().constFirst()->text()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    if (auto r = deleteNote(id); !r)
        showNoteProblem(tr("The note was not deleted: %1").arg(r.error().text()));
    else
        m_noteProblem->setVisible(false);
}

} // namespace rehabit
