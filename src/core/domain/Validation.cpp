#include "rehabit/domain/Validation.h"

#include "rehabit/domain/SessionLog.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

using namespace Qt::StringLiterals;

namespace rehabit {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::SqliteStore", text);
}

Error at(const QString &path, const QString &message)
{
    return Error{message, path};
}

QString timeNotValid()
{
    return tr("the time is not valid");
}

/// A character that shows nothing by itself.
bool isInvisible(char32_t c)
{
    if (QChar::isSpace(c))
        return true;
    const QChar::Category category = QChar::category(c);
    if (category == QChar::Other_Control || category == QChar::Other_Format)
        return true; // C0, DEL, C1; U+200B-U+200F, U+2060-U+2064, U+FEFF, U+00AD, U+180E ...
    // Letters and marks that are blank by design: the combining grapheme
    // joiner, Hangul fillers, Khmer inherent vowels, Mongolian free variation
    // selectors, the braille blank, variation selectors.
    return c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 || c == 0x2800 || c == 0x3164
           || c == 0xFFA0 || (c >= 0x180B && c <= 0x180D) || (c >= 0xFE00 && c <= 0xFE0F)
           || (c >= 0xE0100 && c <= 0xE01EF);
}

/// The checks of one record, in the order the JSON file lists its parts.
class RecordCheck {
public:
    RecordCheck(const PatientRecord &record, const StoredExerciseLookup &stored, const ExerciseEntryCheck &checkEntry)
        : m_record(record)
        , m_stored(stored)
        , m_checkEntry(checkEntry)
    {}

    std::optional<Error> run()
    {
        for (auto part :
             {&RecordCheck::patient, &RecordCheck::customExercises, &RecordCheck::programs, &RecordCheck::itemVersions,
              &RecordCheck::currentItems, &RecordCheck::sessions, &RecordCheck::proposals, &RecordCheck::uuids})
            if (auto error = (this->*part)())
                return error;
        return std::nullopt;
    }
    QList<Exercise> newCustomExercises() const
    {
        QList<Exercise> result;
        for (const Exercise &e : m_record.customExercises)
            if (!m_known.contains(e.id))
                result << m_customs.value(e.id);
        return result;
    }

private:
    std::optional<Error> patient();
    std::optional<Error> customExercises();
    std::optional<Error> programs();
    std::optional<Error> itemVersions();
    std::optional<Error> currentItems();
    std::optional<Error> sessions();
    std::optional<Error> events(const SessionHistory &s, const QString &path);
    std::optional<Error> proposals();
    std::optional<Error> uuids();
    std::optional<Error> requireExercise(const QString &id, const QString &path);
    QString exerciseAt(qint64 itemId, const QDateTime &at) const;

    const PatientRecord &m_record;
    const StoredExerciseLookup &m_stored;
    const ExerciseEntryCheck &m_checkEntry;
    QHash<QString, Exercise> m_customs; ///< the record's, checked
    QSet<QString> m_known;              ///< exercises the store has
    QSet<qint64> m_programIds;
    QHash<qint64, qint64> m_programOfItem;
    QHash<qint64, ProgramItemVersion> m_lastVersion;
    QHash<qint64, QList<ProgramItemVersion>> m_versions; ///< per item, in time order
    QSet<qint64> m_sessionIds;
};

/// The first index at which an id (not 0: none) is used a second time, and the index of its first use.
template <typename T, typename IdOf>
std::optional<std::pair<qsizetype, qsizetype>> repeatedId(const QList<T> &list, IdOf idOf)
{
    QHash<qint64, qsizetype> seen;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const qint64 id = idOf(list.at(i));
        if (id == 0)
            continue;
        if (const auto first = seen.constFind(id); first != seen.cend())
            return std::pair{i, *first};
        seen.insert(id, i);
    }
    return std::nullopt;
}

std::optional<Error> RecordCheck::patient()
{
    if (auto name = validOneLineText(m_record.patient.name.trimmed(), tr("a patient needs a name")); !name)
        return at(u"patient.name"_s, name.error().message);
    if (!m_record.patient.createdAt.isValid())
        return at(u"patient.createdAt"_s, timeNotValid());
    for (qsizetype i = 0; i < m_record.notes.size(); ++i) {
        auto note = validNote(m_record.notes.at(i));
        if (!note)
            return at(u"notes[%1].%2"_s.arg(i).arg(note.error().location), note.error().message);
    }
    if (const auto twice = repeatedId(m_record.notes, [](const PatientNote &n) { return n.id; }))
        return at(u"notes[%1].id"_s.arg(twice->first),
                  tr("the id %1 is already used by notes[%2]: every note needs its own id")
                      .arg(QString::number(m_record.notes.at(twice->first).id), QString::number(twice->second)));
    return std::nullopt;
}

std::optional<Error> RecordCheck::customExercises()
{
    for (qsizetype i = 0; i < m_record.customExercises.size(); ++i) {
        const QString path = u"customExercises[%1]"_s.arg(i);
        const Exercise &e = m_record.customExercises.at(i);
        auto checked = m_checkEntry(e);
        if (!checked)
            return at(checked.error().location.isEmpty() ? path : path + u'.' + checked.error().location,
                      checked.error().message);
        if (m_customs.contains(e.id))
            return at(path + u".id"_s, tr("the exercise %1 is listed twice").arg(e.id));
        auto stored = m_stored(e.id);
        if (!stored)
            return stored.error();
        if (stored->has_value()) {
            if ((*stored)->origin == ExerciseOrigin::Bundled)
                return at(path + u".id"_s,
                          tr("%1 is the id of an exercise bundled with Rehabit; a custom exercise needs another id")
                              .arg(e.id));
            Exercise mine = *checked;
            mine.origin = ExerciseOrigin::Custom;
            if (!(**stored == mine))
                return at(path, tr("this database already has a different custom exercise %1; rename one of them "
                                   "first")
                                    .arg(e.id));
            m_known.insert(e.id); // the same exercise is already there
        }
        m_customs.insert(e.id, *checked);
    }
    return std::nullopt;
}

std::optional<Error> RecordCheck::requireExercise(const QString &id, const QString &path)
{
    if (m_customs.contains(id) || m_known.contains(id))
        return std::nullopt;
    auto stored = m_stored(id);
    if (!stored)
        return stored.error();
    if (!stored->has_value())
        return at(path, tr("there is no exercise %1 in this database or in the record").arg(id));
    m_known.insert(id);
    return std::nullopt;
}

std::optional<Error> RecordCheck::programs()
{
    for (qsizetype i = 0; i < m_record.programs.size(); ++i) {
        const Program &p = m_record.programs.at(i);
        const QString path = u"programs[%1]"_s.arg(i);
        if (p.id <= 0 || m_programIds.contains(p.id))
            return at(path + u".id"_s, tr("every program needs its own id above 0"));
        m_programIds.insert(p.id);
        if (auto valid = validateProgram(p); !valid)
            return at(path + u'.' + valid.error().location, valid.error().message);
        for (qsizetype j = 0; j < p.items.size(); ++j) {
            const QString itemPath = path + u".items[%1]"_s.arg(j);
            const ProgramItem &item = p.items.at(j);
            if (item.id <= 0 || m_programOfItem.contains(item.id))
                return at(itemPath + u".id"_s, tr("every program item needs its own id above 0"));
            m_programOfItem.insert(item.id, p.id);
            if (auto missing = requireExercise(item.exerciseId, itemPath + u".exerciseId"_s))
                return missing;
        }
    }
    return std::nullopt;
}

std::optional<Error> RecordCheck::itemVersions()
{
    const QList<ProgramItemVersion> versions = itemVersionsOf(m_record);
    for (qsizetype i = 0; i < versions.size(); ++i) {
        const ProgramItemVersion &v = versions.at(i);
        const QString path = u"itemVersions[%1]"_s.arg(i);
        if (!m_programIds.contains(v.programId))
            return at(path + u".programId"_s, tr("there is no program %1 in the record").arg(v.programId));
        if (v.programItemId <= 0)
            return at(path + u".programItemId"_s, tr("the item id must be above 0"));
        const auto owner = m_programOfItem.constFind(v.programItemId);
        if (owner != m_programOfItem.cend() && *owner != v.programId)
            return at(
                path + u".programId"_s,
                tr("item %1 belongs to program %2").arg(QString::number(v.programItemId), QString::number(*owner)));
        m_programOfItem.insert(v.programItemId, v.programId);
        if (!v.validFrom.isValid())
            return at(path + u".validFrom"_s, timeNotValid());
        if (auto valid = validatePrescription(v.rx, path + u".rx"_s); !valid)
            return valid.error();
        if (auto missing = requireExercise(v.exerciseId, path + u".exerciseId"_s))
            return missing;
        const auto last = m_lastVersion.constFind(v.programItemId);
        if (last != m_lastVersion.cend() && v.validFrom < last->validFrom)
            return at(path + u".validFrom"_s, tr("the versions of an item must be in time order"));
        m_lastVersion.insert(v.programItemId, v);
        m_versions[v.programItemId] << v;
    }
    return std::nullopt;
}

std::optional<Error> RecordCheck::currentItems()
{
    // The newest version of every current item is the item as it is now.
    QSet<qint64> current;
    for (qsizetype i = 0; i < m_record.programs.size(); ++i) {
        const Program &p = m_record.programs.at(i);
        for (qsizetype j = 0; j < p.items.size(); ++j) {
            const ProgramItem &item = p.items.at(j);
            current.insert(item.id);
            const auto last = m_lastVersion.constFind(item.id);
            if (last == m_lastVersion.cend() || last->removed || last->exerciseId != item.exerciseId
                || last->rx != item.rx)
                return at(u"programs[%1].items[%2]"_s.arg(i).arg(j),
                          tr("the item does not match its newest version in itemVersions"));
        }
    }
    // Any other item was removed from its program: its newest version says
    // so. Otherwise it would be prescribed in the history without being
    // in any program.
    const QList<ProgramItemVersion> versions = itemVersionsOf(m_record);
    for (qsizetype i = 0; i < versions.size(); ++i) {
        const ProgramItemVersion &v = versions.at(i);
        if (!current.contains(v.programItemId) && !m_lastVersion.value(v.programItemId).removed)
            return at(u"itemVersions[%1].programItemId"_s.arg(i),
                      tr("item %1 is not among the items of program %2, and no version of it says it was "
                         "removed")
                          .arg(QString::number(v.programItemId), QString::number(v.programId)));
    }
    return std::nullopt;
}

std::optional<Error> RecordCheck::sessions()
{
    for (qsizetype i = 0; i < m_record.sessions.size(); ++i) {
        const SessionHistory &s = m_record.sessions.at(i);
        const QString path = u"sessions[%1]"_s.arg(i);
        if (s.record.id <= 0 || m_sessionIds.contains(s.record.id))
            return at(path + u".id"_s, tr("every session needs its own id above 0"));
        m_sessionIds.insert(s.record.id);
        if (!m_programIds.contains(s.record.programId))
            return at(path + u".programId"_s, tr("there is no program %1 in the record").arg(s.record.programId));
        if (!s.record.startedAt.isValid())
            return at(path + u".startedAt"_s, timeNotValid());
        if ((s.record.status == SessionStatus::InProgress) != !s.record.endedAt.isValid())
            return at(path + u".endedAt"_s, tr("a session has an end time exactly when it is no longer in progress"));
        if (s.record.endedAt.isValid() && s.record.endedAt < s.record.startedAt)
            return at(path + u".endedAt"_s, tr("the session ends (%1) before it starts (%2)")
                                                .arg(s.record.endedAt.toString(Qt::ISODateWithMs),
                                                     s.record.startedAt.toString(Qt::ISODateWithMs)));
        if (auto error = events(s, path))
            return error;
    }
    return std::nullopt;
}

std::optional<Error> RecordCheck::events(const SessionHistory &s, const QString &path)
{
    for (qsizetype j = 0; j < s.events.size(); ++j) {
        const SessionEvent &e = s.events.at(j);
        const QString eventPath = path + u".events[%1]"_s.arg(j);
        if (e.seq != j + 1)
            return at(eventPath + u".seq"_s, tr("the events must be numbered 1, 2, 3 ... (expected %1, found %2)")
                                                 .arg(QString::number(j + 1), QString::number(e.seq)));
        if (e.programItemId != 0 && m_programOfItem.value(e.programItemId) != s.record.programId)
            return at(eventPath + u".programItemId"_s,
                      tr("item %1 is not an item of the session's program").arg(e.programItemId));
        if (!e.exerciseId.isEmpty())
            if (auto missing = requireExercise(e.exerciseId, eventPath + u".exerciseId"_s))
                return missing;
        if (e.programItemId != 0 && !e.exerciseId.isEmpty()) {
            const QString expected = exerciseAt(e.programItemId, s.record.startedAt);
            if (e.exerciseId != expected)
                return at(eventPath + u".exerciseId"_s,
                          tr("the event is of %1, but item %2 was %3 when the session started")
                              .arg(e.exerciseId, QString::number(e.programItemId), expected));
        }
        if (e.setIndex < 0 || e.repIndex < 0)
            return at(eventPath, tr("set and rep numbers cannot be negative"));
        if (e.holdMs && *e.holdMs < 0)
            return at(eventPath + u".holdMs"_s, tr("a hold cannot be negative"));
        if (e.pain && !isValidPainRating(*e.pain))
            return at(eventPath + u".pain"_s, tr("pain is rated from 0 to 10, not %1").arg(*e.pain));
        if (e.kind == EventKind::PainRated && (!e.pain || !e.painContext))
            return at(eventPath, tr("a pain rating needs a pain and its context"));
    }
    return std::nullopt;
}

/// The exercise of the item's version in force at `at` (its first version
/// before that), as the history reads it (PatientHistory::programAt).
QString RecordCheck::exerciseAt(qint64 itemId, const QDateTime &at) const
{
    const QList<ProgramItemVersion> versions = m_versions.value(itemId);
    if (versions.isEmpty())
        return {};
    QString exercise = versions.first().exerciseId;
    for (const ProgramItemVersion &v : versions)
        if (v.validFrom <= at)
            exercise = v.exerciseId;
    return exercise;
}

std::optional<Error> RecordCheck::proposals()
{
    if (const auto twice = repeatedId(m_record.proposals, [](const Proposal &p) { return p.id; }))
        return at(u"proposals[%1].id"_s.arg(twice->first),
                  tr("the id %1 is already used by proposals[%2]: every proposal needs its own id")
                      .arg(QString::number(m_record.proposals.at(twice->first).id), QString::number(twice->second)));
    for (qsizetype i = 0; i < m_record.proposals.size(); ++i) {
        const Proposal &p = m_record.proposals.at(i);
        const QString path = u"proposals[%1]"_s.arg(i);
        if (!m_programOfItem.contains(p.programItemId))
            return at(path + u".programItemId"_s, tr("there is no program item %1 in the record").arg(p.programItemId));
        if (p.sessionId != 0 && !m_sessionIds.contains(p.sessionId))
            return at(path + u".sessionId"_s, tr("there is no session %1 in the record").arg(p.sessionId));
        if (p.reason.trimmed().isEmpty())
            return at(path + u".reason"_s, tr("a proposal needs a reason"));
        if (!p.createdAt.isValid())
            return at(path + u".createdAt"_s, timeNotValid());
        if ((p.status == ProposalStatus::Pending) != !p.decidedAt.isValid())
            return at(path + u".decidedAt"_s, tr("a proposal has a decision time exactly when it is decided"));
    }
    return std::nullopt;
}

std::optional<Error> RecordCheck::uuids()
{
    // Every row its own UUID (in any part: each is a row's global identity).
    QHash<QString, QString> seen; // UUID -> path of its first use
    std::optional<Error> twice;
    const auto use = [&](const QString &uuid, const QString &path) {
        if (uuid.isEmpty() || twice)
            return;
        const QString key = uuid.toLower();
        if (const auto first = seen.constFind(key); first != seen.cend())
            twice =
                at(path,
                   tr("the UUID %1 is already used by %2: every row needs its own").arg(uuid, recordJsonPath(*first)));
        else
            seen.insert(key, path);
    };
    use(m_record.patient.uuid, u"patient.uuid"_s);
    for (qsizetype i = 0; i < m_record.notes.size(); ++i)
        use(m_record.notes.at(i).uuid, u"notes[%1].uuid"_s.arg(i));
    for (qsizetype i = 0; i < m_record.programs.size(); ++i)
        use(m_record.programs.at(i).uuid, u"programs[%1].uuid"_s.arg(i));
    for (qsizetype i = 0; i < m_record.itemVersions.size(); ++i)
        use(m_record.itemVersions.at(i).uuid, u"itemVersions[%1].uuid"_s.arg(i));
    for (qsizetype i = 0; i < m_record.sessions.size(); ++i)
        use(m_record.sessions.at(i).record.uuid, u"sessions[%1].uuid"_s.arg(i));
    for (qsizetype i = 0; i < m_record.proposals.size(); ++i) {
        use(m_record.proposals.at(i).uuid, u"proposals[%1].uuid"_s.arg(i));
        use(m_record.proposals.at(i).decisionUuid, u"proposals[%1].decisionUuid"_s.arg(i));
    }
    return twice;
}

} // namespace

bool isControlCharacter(char32_t c)
{
    return QChar::category(c) == QChar::Other_Control || c == 0x2028 || c == 0x2029;
}

bool isBlankText(const QString &text)
{
    for (const char32_t c : text.toUcs4())
        if (!isInvisible(c))
            return false;
    return true;
}

Result<void> validOneLineText(const QString &text, const QString &emptyMessage)
{
    const QList<uint> characters = text.toUcs4();
    for (qsizetype i = 0; i < characters.size(); ++i)
        if (isControlCharacter(characters.at(i)))
            return Error{tr("a control character (U+%1) at character %2: a name is one line of text that can be "
                            "printed")
                             .arg(QString::number(characters.at(i), 16).toUpper().rightJustified(4, u'0'))
                             .arg(i + 1),
                         QString()};
    if (isBlankText(text))
        return Error{emptyMessage, QString()};
    return {};
}

Result<QString> validPatientName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (auto valid = validOneLineText(trimmed, tr("a patient needs a name")); !valid)
        return at(u"name"_s, valid.error().message);
    return trimmed;
}

Result<PatientNote> validNote(const PatientNote &note)
{
    PatientNote valid = note;
    valid.body = note.body.trimmed();
    if (valid.body.isEmpty())
        return at(u"body"_s, tr("the note is empty"));
    if (!note.writtenAt.isValid())
        return at(u"writtenAt"_s, tr("the date is not valid"));
    return valid;
}

Result<Proposal> validNewProposal(const Proposal &proposal)
{
    Proposal valid = proposal;
    valid.reason = proposal.reason.trimmed();
    if (valid.reason.isEmpty())
        return at(u"reason"_s, tr("a proposal needs a reason"));
    if (!proposal.createdAt.isValid())
        return at(u"createdAt"_s, timeNotValid());
    return valid;
}

Result<void> validateCatalogIds(const Catalog &catalog)
{
    QHash<QString, qsizetype> seen;
    for (qsizetype i = 0; i < catalog.exercises.size(); ++i) {
        const QString &id = catalog.exercises.at(i).id;
        if (seen.contains(id))
            return at(u"exercises[%1].id"_s.arg(i), tr("the id %1 is already used by exercises[%2]: every id must be "
                                                       "unique")
                                                        .arg(id, QString::number(seen.value(id))));
        seen.insert(id, i);
    }
    return {};
}

Result<QList<Exercise>> validatePatientRecord(const PatientRecord &record, const StoredExerciseLookup &stored,
                                              const ExerciseEntryCheck &checkEntry)
{
    RecordCheck check(record, stored, checkEntry);
    if (auto error = check.run())
        return Error{error->message, recordJsonPath(error->location)};
    return check.newCustomExercises();
}

QStringList recordUuids(const PatientRecord &record)
{
    QStringList uuids;
    const auto add = [&uuids](const QString &uuid) {
        if (!uuid.isEmpty())
            uuids << uuid.toLower();
    };
    add(record.patient.uuid);
    for (const PatientNote &n : record.notes)
        add(n.uuid);
    for (const Program &p : record.programs)
        add(p.uuid);
    for (const ProgramItemVersion &v : record.itemVersions)
        add(v.uuid);
    for (const SessionHistory &s : record.sessions)
        add(s.record.uuid);
    for (const Proposal &p : record.proposals) {
        add(p.uuid);
        add(p.decisionUuid);
    }
    return uuids;
}

QList<ProgramItemVersion> itemVersionsOf(const PatientRecord &record)
{
    if (!record.itemVersions.isEmpty())
        return record.itemVersions;
    QList<ProgramItemVersion> versions;
    for (const Program &p : record.programs)
        for (qsizetype i = 0; i < p.items.size(); ++i) {
            const ProgramItem &item = p.items.at(i);
            versions << ProgramItemVersion{p.id, item.id, p.createdAt, false, int(i), item.exerciseId, item.rx};
        }
    return versions;
}

QString recordJsonPath(const QString &path)
{
    QStringList parts = path.split(u'.');
    for (QString &part : parts) {
        const qsizetype bracket = part.indexOf(u'[');
        QString name = bracket < 0 ? part : part.left(bracket);
        const QString rest = bracket < 0 ? QString() : part.mid(bracket);
        if (name == u"rx"_s) {
            name = u"prescription"_s;
        } else {
            QString snake;
            for (const QChar c : std::as_const(name)) {
                if (c.isUpper()) {
                    snake += u'_';
                    snake += c.toLower();
                } else {
                    snake += c;
                }
            }
            name = snake;
        }
        part = name + rest;
    }
    return parts.join(u'.');
}

} // namespace rehabit
