// libFuzzer target: the patient import, which reads a JSON export that may
// come from another clinic, a mail attachment or a damaged disk. Every input
// must end in a record or an Error; no crash, no sanitizer report. A record
// that parses must survive the round trip: toJson(parse(toJson(r))) ==
// toJson(r). It is then checked as the import checks it before writing
// (validatePatientRecord, against the bundled catalog), and a record that
// check accepts must be internally consistent by the rules below, written
// here a second time on purpose: every reference resolves, an item no program
// has was removed, an event's exercise is its item's, a session ends after it
// starts, ids and UUIDs are used once, names are printable one-line texts.
#include "rehabit/catalog/CatalogJson.h"
#include "rehabit/domain/Validation.h"
#include "rehabit/exchange/PatientExport.h"

#include <QHash>
#include <QSet>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using namespace rehabit;

[[noreturn]] void broken(const char *what)
{
    std::fprintf(stderr, "an accepted patient record is inconsistent: %s\n", what);
    std::abort();
}

bool printableName(const QString &name)
{
    for (const char32_t c : name.toUcs4())
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029)
            return false;
    return !isBlankText(name);
}

template <typename T, typename Id>
bool idsOnce(const QList<T> &list, Id id)
{
    QSet<qint64> seen;
    for (const T &t : list)
        if (seen.contains(id(t)))
            return false;
        else
            seen.insert(id(t));
    return true;
}

void requireConsistent(const PatientRecord &r)
{
    if (!printableName(r.patient.name))
        broken("the patient's name");
    QHash<qint64, qint64> programOfItem;
    QSet<qint64> programs, current;
    for (const Program &p : r.programs) {
        if (!printableName(p.name))
            broken("a program's name");
        programs.insert(p.id);
        for (const ProgramItem &item : p.items) {
            programOfItem.insert(item.id, p.id);
            current.insert(item.id);
        }
    }
    QHash<qint64, QList<ProgramItemVersion>> versions;
    for (const ProgramItemVersion &v : itemVersionsOf(r)) {
        if (!programs.contains(v.programId) || programOfItem.value(v.programItemId, v.programId) != v.programId)
            broken("an item version's program");
        programOfItem.insert(v.programItemId, v.programId);
        versions[v.programItemId] << v;
    }
    for (auto it = versions.cbegin(); it != versions.cend(); ++it)
        if (!current.contains(it.key()) && !it->last().removed)
            broken("an item in no program that was never removed");
    for (const Exercise &e : r.customExercises)
        if (!printableName(e.name))
            broken("a custom exercise's name");
    for (const SessionHistory &s : r.sessions) {
        if (!programs.contains(s.record.programId))
            broken("a session's program");
        if (s.record.endedAt.isValid() && s.record.endedAt < s.record.startedAt)
            broken("a session that ends before it starts");
        for (const SessionEvent &e : s.events) {
            if (e.programItemId == 0)
                continue;
            if (programOfItem.value(e.programItemId) != s.record.programId)
                broken("an event's item");
            if (e.exerciseId.isEmpty())
                continue;
            const QList<ProgramItemVersion> &of = versions[e.programItemId];
            QString exercise = of.first().exerciseId;
            for (const ProgramItemVersion &v : of)
                if (v.validFrom <= s.record.startedAt)
                    exercise = v.exerciseId;
            if (exercise != e.exerciseId)
                broken("an event's exercise");
        }
    }
    for (const Proposal &p : r.proposals)
        if (!programOfItem.contains(p.programItemId))
            broken("a proposal's item");
    if (!idsOnce(r.notes, [](const PatientNote &n) { return n.id; })
        || !idsOnce(r.proposals, [](const Proposal &p) { return p.id; })
        || !idsOnce(r.sessions, [](const SessionHistory &s) { return s.record.id; }))
        broken("an id used twice");
    const QStringList uuids = recordUuids(r);
    if (QSet<QString>(uuids.cbegin(), uuids.cend()).size() != uuids.size())
        broken("a UUID used twice");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const rehabit::Result<rehabit::PatientRecord> record = rehabit::PatientJson::parse(bytes);
    if (!record) {
        if (record.error().message.isEmpty()) {
            std::fputs("a refused patient file came back without a message\n", stderr);
            std::abort();
        }
        return 0;
    }
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(1'750'000'000'000, Qt::UTC);
    const QByteArray written = rehabit::PatientJson::toJson(*record, at);
    const rehabit::Result<rehabit::PatientRecord> again = rehabit::PatientJson::parse(written);
    if (!again) {
        std::fprintf(stderr, "a written record does not parse: %s\n", qPrintable(again.error().text()));
        std::abort();
    }
    if (rehabit::PatientJson::toJson(*again, at) != written) {
        std::fputs("the round trip changed the record\n", stderr);
        std::abort();
    }

    // The import's own checks, with the bundled catalog standing for the database.
    static const QHash<QString, rehabit::Exercise> bundled = [] {
        QHash<QString, rehabit::Exercise> byId;
        const auto catalog = rehabit::CatalogJson::bundled();
        for (const rehabit::Exercise &e : catalog->exercises)
            byId.insert(e.id, e);
        return byId;
    }();
    const rehabit::StoredExerciseLookup stored =
        [](const QString &id) -> rehabit::Result<std::optional<rehabit::Exercise>> {
        const auto found = bundled.constFind(id);
        return found == bundled.cend() ? std::optional<rehabit::Exercise>() : std::optional(*found);
    };
    const auto checked = rehabit::validatePatientRecord(*record, stored, &rehabit::CatalogJson::validCustomExercise);
    if (!checked) {
        if (checked.error().location.isEmpty()) {
            std::fprintf(stderr, "a refused record came back without its path: %s\n",
                         qPrintable(checked.error().message));
            std::abort();
        }
        return 0;
    }
    requireConsistent(*record);
    return 0;
}
