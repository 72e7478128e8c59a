#include "print/Handout.h"

#include "rehabit/platform/ApplicationIdentity.h"
#include "rehabit/store/Store.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSet>
#include <QSettings>

#include <algorithm>

namespace rehabit::print {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::print", text);
}

QSettings settings()
{
    return QSettings(settingsOrganization(), QCoreApplication::applicationName());
}

/// The newest active program with at least one item.
std::optional<Program> activeProgram(const QList<Program> &programs)
{
    std::optional<Program> best;
    for (const Program &p : programs) {
        if (!p.active || p.items.isEmpty())
            continue;
        if (!best || p.createdAt > best->createdAt || (p.createdAt == best->createdAt && p.id > best->id))
            best = p;
    }
    return best;
}

} // namespace

QString toCode(Paper paper)
{
    return paper == Paper::Letter ? QStringLiteral("letter") : QStringLiteral("a4");
}

std::optional<Paper> paperFromCode(const QString &code)
{
    const QString c = code.trimmed().toLower();
    if (c == QLatin1String("a4"))
        return Paper::A4;
    if (c == QLatin1String("letter"))
        return Paper::Letter;
    return std::nullopt;
}

QPageSize pageSize(Paper paper)
{
    return QPageSize(paper == Paper::Letter ? QPageSize::Letter : QPageSize::A4);
}

Paper defaultPaper()
{
    return QLocale::system().measurementSystem() == QLocale::ImperialUSSystem ? Paper::Letter : Paper::A4;
}

ClinicDetails loadClinicDetails()
{
    QSettings s = settings();
    s.beginGroup(QStringLiteral("handout"));
    return {s.value(QStringLiteral("clinicName")).toString(), s.value(QStringLiteral("logoFile")).toString(),
            s.value(QStringLiteral("therapist")).toString(),
            paperFromCode(s.value(QStringLiteral("paper")).toString()).value_or(defaultPaper())};
}

void saveClinicDetails(const ClinicDetails &details)
{
    QSettings s = settings();
    s.beginGroup(QStringLiteral("handout"));
    s.setValue(QStringLiteral("clinicName"), details.clinicName.trimmed());
    s.setValue(QStringLiteral("logoFile"), details.logoFile.trimmed());
    s.setValue(QStringLiteral("therapist"), details.therapist.trimmed());
    s.setValue(QStringLiteral("paper"), toCode(details.paper));
}

Result<Handout> handoutFor(const Store &store, qint64 patientId, const ClinicDetails &clinic, const QDate &date)
{
    const auto patient = store.patient(patientId);
    if (!patient)
        return patient.error();
    if (!*patient)
        return Error{tr("There is no patient with id %1.").arg(patientId), {}};
    const auto programs = store.programs(patientId);
    if (!programs)
        return programs.error();
    const auto program = activeProgram(*programs);
    if (!program)
        return Error{tr("%1 (patient %2) has no active program with exercises: there is nothing to print.")
                         .arg((*patient)->name)
                         .arg(patientId),
                     {}};
    const auto exercises = store.exercises();
    if (!exercises)
        return exercises.error();

    Handout h{clinic, **patient, *program, {}, date};
    for (const ProgramItem &item : program->items) {
        const auto e = std::find_if(exercises->cbegin(), exercises->cend(),
                                    [&](const Exercise &x) { return x.id == item.exerciseId; });
        if (e == exercises->cend())
            return Error{tr("The program \u201c%1\u201d refers to the exercise \u201c%2\u201d, which is not in the "
                            "catalog. Import the catalog that has it, then print again.")
                             .arg(program->name, item.exerciseId),
                         {}};
        h.items.append({*e, item.rx});
    }
    return h;
}

QString keyCue(const Exercise &exercise)
{
    const QString followUp = exercise.followUp ? exercise.followUp->cue : QString();
    for (auto it = exercise.steps.crbegin(); it != exercise.steps.crend(); ++it)
        if (!it->cue.isEmpty() && it->cue != followUp)
            return it->cue;
    return {};
}

QString handoutFileName(const Patient &patient, const QDate &date)
{
    // Compatibility decomposition splits "ë" into "e" and its accent, "ﬁ" into "fi".
    const QString decomposed = patient.name.normalized(QString::NormalizationForm_KD).toLower();
    QString name;
    for (const QChar c : decomposed) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            name += c;
        else if (c.category() == QChar::Mark_NonSpacing)
            continue; // the accent of a decomposed letter
        else if (!name.isEmpty() && !name.endsWith(u'-'))
            name += u'-';
    }
    name.truncate(60);
    while (name.endsWith(u'-'))
        name.chop(1);
    return QStringLiteral("%1-patient-%2%3.pdf")
        .arg(date.toString(Qt::ISODate))
        .arg(patient.id)
        .arg(name.isEmpty() ? QString() : u'-' + name);
}

QString frequencyText(int daysPerWeek)
{
    if (daysPerWeek >= 7)
        return tr("Every day");
    return daysPerWeek == 1 ? tr("1 day a week") : tr("%1 days a week").arg(daysPerWeek);
}

Result<QList<Patient>> duePatients(const Store &store, const QDate &day)
{
    const auto patients = store.patients(false);
    if (!patients)
        return patients.error();
    const QDate monday = day.addDays(1 - day.dayOfWeek());
    QList<Patient> due;
    for (const Patient &patient : *patients) {
        const auto programs = store.programs(patient.id);
        if (!programs)
            return programs.error();
        const auto program = activeProgram(*programs);
        if (!program)
            continue;
        int perWeek = 0;
        for (const ProgramItem &item : program->items)
            perWeek = std::max(perWeek, item.rx.daysPerWeek);
        const auto sessions = store.sessions(patient.id);
        if (!sessions)
            return sessions.error();
        QSet<QDate> days;
        for (const SessionRecord &s : *sessions) {
            const QDate d = s.startedAt.toLocalTime().date();
            if (s.programId == program->id && d >= monday && d < day)
                days.insert(d);
        }
        if (days.size() < perWeek)
            due.append(patient);
    }
    return due;
}

} // namespace rehabit::print
