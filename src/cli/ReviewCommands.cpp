// rehabit-cli's therapist commands: patients, history, export, import and
// demo-data (docs/cli.md, docs/exports.md).

#include "CommandLine.h"

#include "DateOption.h"
#include "TerminalText.h"

#include "rehabit/platform/Clock.h"
#include "rehabit/platform/OutputFile.h"
#include "rehabit/store/CatalogImport.h"
#include "rehabit/demo/DemoData.h"
#include "rehabit/review/History.h"
#include "rehabit/exchange/PatientExport.h"
#include "rehabit/store/Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QUuid>
#include <QThread>
#include <QTimeZone>

#include <deque>
#include <future>

using namespace Qt::StringLiterals;

namespace rehabit::cli {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rehabit::cli", text);
}

QJsonValue timeJson(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}
template <typename T>
QJsonValue optionalJson(const std::optional<T> &v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue();
}
template <typename T>
QString optionalText(const std::optional<T> &v)
{
    return v ? QString::number(*v) : u"-"_s;
}
QString percent(double share)
{
    return QString::number(qRound(share * 100.0)) + u'%';
}

QJsonObject adherenceJson(const AdherencePeriod &a)
{
    return QJsonObject{{u"first"_s, a.first.toString(Qt::ISODate)},
                       {u"last"_s, a.last.toString(Qt::ISODate)},
                       {u"days"_s, a.days()},
                       {u"expected_units"_s, qRound(a.expected * 10.0) / 10.0},
                       {u"done_units"_s, a.done},
                       {u"dose_share"_s, qRound(a.doseShare() * 1000.0) / 1000.0},
                       {u"days_with_data"_s, a.daysWithData},
                       {u"sessions"_s, a.sessions}};
}

/// Reads --patient: an id (a positive whole number) or a UUID; the text as
/// given, or nothing if it is neither.
std::optional<QString> patientKey(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if ((ok && id > 0) || !QUuid(text.trimmed()).isNull())
        return text.trimmed();
    return std::nullopt;
}

QCommandLineOption formatOption(const QString &description, const QString &defaultValue = QString())
{
    return defaultValue.isEmpty()
               ? QCommandLineOption(QStringList{u"format"_s}, description, tr("FORMAT"))
               : QCommandLineOption(QStringList{u"format"_s}, description, tr("FORMAT"), defaultValue);
}

} // namespace

std::unique_ptr<Store> CommandLine::openStore(bool readOnly, bool catalog)
{
    StoreOptions options;
    options.readOnly = readOnly;
    const bool existed = QFileInfo(m_dbPath).size() > 0;
    auto store = openSqliteStore(m_dbPath, options);
    if (!store) {
        m_err << store.error().text() << u'\n';
        return nullptr;
    }
    if (!readOnly)
        dailyBackup(existed); // before the first write (docs/storage.md, "Backups")
    if (catalog) {
        if (auto imported = importBundledCatalog(**store); !imported) {
            m_err << imported.error().text() << u'\n';
            return nullptr;
        }
    }
    return std::move(store).value();
}

std::optional<CommandLine::LoadedPatient> CommandLine::loadPatient(const QString &key)
{
    auto store = openStore(true, false);
    if (!store)
        return std::nullopt;
    const auto id = patientIdOf(*store, key);
    if (!id)
        return std::nullopt;
    auto record = store->patientRecord(*id);
    if (!record) {
        m_err << record.error().text() << u'\n';
        return std::nullopt;
    }
    if (!record->has_value()) {
        m_err << tr("There is no patient %1 in %2.").arg(key, m_dbPath) << u'\n';
        return std::nullopt;
    }
    auto exercises = store->exercises();
    if (!exercises) {
        m_err << exercises.error().text() << u'\n';
        return std::nullopt;
    }
    return LoadedPatient{std::move(*record), std::move(exercises).value()};
}

int CommandLine::patients(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("rehabit-cli patients: list the patients, by name, with their sessions, the "
                                        "last session, flagged sessions and pending proposals. Reads only."));
    const QCommandLineOption format =
        formatOption(tr("Output format: table (default) or json (see docs/cli.md)."), u"table"_s);
    const QCommandLineOption archived(QStringList{u"archived"_s}, tr("Include archived patients."));
    const QCommandLineOption search(QStringList{u"search"_s}, tr("Only patients whose name contains TEXT (any case)."),
                                    tr("TEXT"));
    parser.addOptions({format, archived, search});
    if (const auto stop = parseCommand(parser, args))
        return *stop;
    const QString fmt = parser.value(format);
    if (fmt != "table"_L1 && fmt != "json"_L1)
        return usageError(tr("--format must be 'table' or 'json', not '%1'.").arg(fmt));
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("'patients' takes no arguments."));

    auto store = openStore(true, false);
    if (!store)
        return Failed;
    auto list = store->patientSummaries(parser.isSet(archived));
    if (!list) {
        m_err << list.error().text() << u'\n';
        return Failed;
    }
    const QString needle = parser.value(search);
    QList<PatientSummary> shown;
    for (const PatientSummary &s : *list)
        if (needle.isEmpty() || s.patient.name.contains(needle, Qt::CaseInsensitive))
            shown << s;

    if (fmt == "json"_L1) {
        QJsonArray array;
        for (const PatientSummary &s : std::as_const(shown))
            array << QJsonObject{{u"id"_s, double(s.patient.id)},
                                 {u"uuid"_s, s.patient.uuid},
                                 {u"name"_s, s.patient.name},
                                 {u"created_at"_s, timeJson(s.patient.createdAt)},
                                 {u"archived"_s, s.patient.archived},
                                 {u"sessions"_s, s.sessions},
                                 {u"last_session_at"_s, timeJson(s.lastSessionAt)},
                                 {u"flagged_sessions"_s, s.flaggedSessions},
                                 {u"pending_proposals"_s, s.pendingProposals},
                                 {u"active_program"_s, s.activeProgram}};
        m_out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return Ok;
    }
    QList<QStringList> rows;
    for (const PatientSummary &s : std::as_const(shown))
        rows << QStringList{QString::number(s.patient.id),
                            s.patient.name + (s.patient.archived ? tr(" (archived)") : QString()),
                            QString::number(s.sessions),
                            s.lastSessionAt.isValid() ? s.lastSessionAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)
                                                      : u"-"_s,
                            QString::number(s.flaggedSessions),
                            QString::number(s.pendingProposals),
                            s.patient.uuid};
    m_out << table(
        {tr("ID"), tr("NAME"), tr("SESSIONS"), tr("LAST SESSION"), tr("FLAGGED"), tr("PROPOSALS"), tr("UUID")}, rows);
    return Ok;
}

namespace {

QJsonValue dayJson(QDate day)
{
    return day.isValid() ? QJsonValue(day.toString(Qt::ISODate)) : QJsonValue();
}

QJsonValue meanJson(const std::optional<double> &mean)
{
    return mean ? QJsonValue(qRound(*mean * 100.0) / 100.0) : QJsonValue();
}

QJsonArray sessionsJson(const PatientHistory &h)
{
    QJsonArray sessions;
    for (const SessionReview &r : h.sessions()) {
        QJsonArray exercises;
        for (const ExerciseDose &d : r.exercises)
            exercises << QJsonObject{{u"program_item_id"_s, double(d.programItemId)},
                                     {u"exercise_id"_s, d.exerciseId},
                                     {u"prescribed"_s, d.prescribed},
                                     {u"done"_s, d.done},
                                     {u"skipped"_s, d.skipped},
                                     {u"pain_stop"_s, d.painStop},
                                     {u"max_pain"_s, optionalJson(d.maxPain)}};
        sessions << QJsonObject{{u"id"_s, double(r.record.id)},
                                {u"uuid"_s, r.record.uuid},
                                {u"program_id"_s, double(r.record.programId)},
                                {u"day"_s, r.day.toString(Qt::ISODate)},
                                {u"started_at"_s, timeJson(r.record.startedAt)},
                                {u"ended_at"_s, timeJson(r.record.endedAt)},
                                {u"status"_s, toCode(r.record.status)},
                                {u"flagged"_s, r.flagged},
                                {u"prescribed"_s, r.dose.prescribed},
                                {u"done"_s, r.dose.done},
                                {u"pain_before"_s, optionalJson(r.painBefore)},
                                {u"pain_after"_s, optionalJson(r.painAfter)},
                                {u"pain_next_morning"_s, optionalJson(r.painNextMorning)},
                                {u"pain_stop"_s, r.painStop},
                                {u"exercises"_s, exercises}};
    }
    return sessions;
}

QJsonArray flagsJson(const PatientHistory &h)
{
    QJsonArray flags;
    for (const PainFlag &f : h.flags())
        flags << QJsonObject{{u"kind"_s, toCode(f.kind)},
                             {u"session_id"_s, double(f.sessionId)},
                             {u"at"_s, timeJson(QDateTime::fromMSecsSinceEpoch(f.atMs, QTimeZone::utc()))},
                             {u"exercise_id"_s, f.exerciseId.isEmpty() ? QJsonValue() : QJsonValue(f.exerciseId)},
                             {u"pain"_s, optionalJson(f.pain)},
                             {u"start"_s, optionalJson(f.start)},
                             {u"detail"_s, f.detail}};
    return flags;
}

/// The weeks rehabit-cli shows: the last 8 of the review's weeks.
QList<AdherencePeriod> lastWeeks(const ReviewFigures &f)
{
    return f.weeks.mid(std::max<qsizetype>(0, f.weeks.size() - 8));
}

QJsonObject historyJson(const PatientHistory &h, const ReviewFigures &f)
{
    QJsonArray weeks;
    for (const AdherencePeriod &w : lastWeeks(f))
        weeks << adherenceJson(w);
    QJsonArray rises;
    for (const PainRise &p : h.painRises())
        rises << QJsonObject{{u"exercise_id"_s, p.exerciseId},
                             {u"sessions_worked"_s, p.sessionsWorked},
                             {u"sessions_with_rise"_s, p.sessionsWithRise},
                             {u"pain_stops"_s, p.painStops},
                             {u"ratings_above_5_after"_s, p.ratingsAbove5After},
                             {u"next_morning_rises"_s, p.nextMorningRises},
                             {u"largest_rise"_s, p.largestRise}};
    QJsonArray proposals;
    for (const Proposal &p : h.pendingProposals())
        proposals << QJsonObject{{u"id"_s, double(p.id)},
                                 {u"uuid"_s, p.uuid},
                                 {u"program_item_id"_s, double(p.programItemId)},
                                 {u"exercise_id"_s, h.exerciseOfItem(p.programItemId)},
                                 {u"kind"_s, toCode(p.kind)},
                                 {u"reason"_s, p.reason},
                                 {u"created_at"_s, timeJson(p.createdAt)}};
    return QJsonObject{
        {u"patient"_s,
         QJsonObject{{u"id"_s, double(h.patient().id)}, {u"uuid"_s, h.patient().uuid}, {u"name"_s, h.patient().name}}},
        {u"as_of"_s, dayJson(f.asOf)},
        {u"first_day"_s, dayJson(h.firstDay())},
        {u"last_day"_s, dayJson(h.lastDay())},
        {u"sessions"_s, sessionsJson(h)},
        {u"adherence"_s, QJsonObject{{u"last_30_days"_s, adherenceJson(f.last30)},
                                     {u"last_7_days"_s, adherenceJson(f.last7)},
                                     {u"weeks"_s, weeks}}},
        {u"pain_before_session"_s,
         QJsonObject{{u"last_7_days"_s, meanJson(f.painLast7)}, {u"previous_30_days"_s, meanJson(f.painPrevious30)}}},
        {u"flagged_sessions_last_30_days"_s, f.flaggedLast30},
        {u"pain_rises"_s, rises},
        {u"flags"_s, flagsJson(h)},
        {u"pending_proposals"_s, proposals}};
}

} // namespace

QString CommandLine::historyTable(const PatientHistory &h, const ReviewFigures &f)
{
    QString text;
    QTextStream out(&text);
    out << tr("Patient %1: %2 (%3)").arg(QString::number(h.patient().id), printable(h.patient().name), h.patient().uuid)
        << u"\n\n"_s;
    QList<QStringList> rows;
    for (const SessionReview &r : h.sessions())
        rows << QStringList{r.day.toString(Qt::ISODate),
                            toCode(r.record.status),
                            u"%1/%2"_s.arg(r.dose.done).arg(r.dose.prescribed),
                            percent(r.dose.share()),
                            optionalText(r.painBefore),
                            optionalText(r.painAfter),
                            optionalText(r.painNextMorning),
                            r.painStop ? tr("pain stop") : (r.flagged ? tr("flagged") : QString())};
    out << table({tr("DAY"), tr("STATUS"), tr("DONE"), tr("DOSE"), tr("PAIN BEFORE"), tr("AFTER"), tr("NEXT MORNING"),
                  tr("FLAG")},
                 rows);
    const AdherencePeriod &month = f.last30;
    out << u'\n'
        << tr("Last 30 days (%1 to %2): %3 of the prescribed dose, data on %4 of %5 days, %6 sessions.")
               .arg(month.first.toString(Qt::ISODate), month.last.toString(Qt::ISODate), percent(month.doseShare()))
               .arg(month.daysWithData)
               .arg(month.days())
               .arg(month.sessions)
        << u'\n';
    QList<QStringList> weekRows;
    for (const AdherencePeriod &w : lastWeeks(f))
        weekRows << QStringList{w.first.toString(Qt::ISODate), percent(w.doseShare()),
                                u"%1/%2"_s.arg(w.daysWithData).arg(w.days())};
    out << u'\n' << table({tr("WEEK FROM"), tr("DOSE"), tr("DAYS WITH DATA")}, weekRows);
    QList<QStringList> riseRows;
    for (const PainRise &p : h.painRises())
        riseRows << QStringList{p.exerciseId, u"%1/%2"_s.arg(p.sessionsWithRise).arg(p.sessionsWorked),
                                QString::number(p.painStops), QString::number(p.ratingsAbove5After),
                                QString::number(p.nextMorningRises)};
    out << u'\n'
        << table({tr("EXERCISE"), tr("PAIN ROSE"), tr("STOPPED"), tr("ABOVE 5 AFTER"), tr("NEXT MORNING HIGHER")},
                 riseRows);
    const QList<Proposal> pending = h.pendingProposals();
    out << u'\n' << tr("Pending proposals: %1").arg(pending.size()) << u'\n';
    for (const Proposal &p : pending)
        out << u"  #"_s << p.id << u' ' << toCode(p.kind) << u' ' << h.exerciseOfItem(p.programItemId) << u": "_s
            << printable(p.reason) << u'\n';
    return text;
}

std::optional<qint64> CommandLine::patientIdOf(const Store &store, const QString &key)
{
    bool isId = false;
    const qint64 id = key.toLongLong(&isId);
    if (isId)
        return id;
    const auto found = store.patientByUuid(key);
    if (!found) {
        m_err << found.error().text() << u'\n';
        return std::nullopt;
    }
    return found->has_value() ? (*found)->id : 0;
}

std::optional<PatientHistory> CommandLine::readHistory(const QString &key)
{
    auto store = openStore(true, false);
    if (!store)
        return std::nullopt;
    const auto id = patientIdOf(*store, key);
    if (!id)
        return std::nullopt;
    auto exercises = store->exercises();
    if (!exercises) {
        m_err << exercises.error().text() << u'\n';
        return std::nullopt;
    }
    auto input = HistoryInput::read(*store, *id);
    if (!input) {
        m_err << input.error().text() << u'\n';
        return std::nullopt;
    }
    if (!input->has_value()) {
        m_err << tr("There is no patient %1 in %2.").arg(key, m_dbPath) << u'\n';
        return std::nullopt;
    }
    auto h = PatientHistory::build(**input, *exercises, QTimeZone::systemTimeZone());
    if (!h) {
        m_err << h.error().text() << u'\n';
        return std::nullopt;
    }
    return std::move(h).value();
}

int CommandLine::history(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("rehabit-cli history: one patient's sessions (prescribed against done, pain before, after and next "
           "morning), adherence over the last 30 days and per week, the exercises that coincide with pain rises, "
           "pain-rule flags and pending proposals. The last 30 days are the 30 calendar days ending on the as-of "
           "day; days are calendar days in the local time zone (TZ). Reads only."));
    const QCommandLineOption patient(QStringList{u"patient"_s},
                                     tr("The patient's id or UUID (see 'rehabit-cli patients')."), tr("ID"));
    const QCommandLineOption format =
        formatOption(tr("Output format: table (default) or json (see docs/cli.md)."), u"table"_s);
    const QCommandLineOption asOf(QStringList{u"as-of"_s},
                                  tr("The day the figures are for, YYYY-MM-DD (default: today)."), tr("DATE"));
    parser.addOptions({patient, format, asOf});
    if (const auto stop = parseCommand(parser, args))
        return *stop;
    const QString fmt = parser.value(format);
    if (fmt != "table"_L1 && fmt != "json"_L1)
        return usageError(tr("--format must be 'table' or 'json', not '%1'.").arg(fmt));
    const auto key = patientKey(parser.value(patient));
    if (!key)
        return usageError(tr("'history' needs --patient ID, a number above 0 or a UUID."));
    QDate day = Clock::today();
    if (parser.isSet(asOf)) {
        const auto given = dateOption(parser.value(asOf));
        if (!given)
            return usageError(dateOptionError(u"--as-of"_s, parser.value(asOf)));
        day = *given;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("'history' takes no arguments."));

    const auto h = readHistory(*key);
    if (!h)
        return Failed;
    const ReviewFigures figures = ReviewFigures::of(*h, day);
    if (fmt == "json"_L1)
        m_out << QString::fromUtf8(QJsonDocument(historyJson(*h, figures)).toJson(QJsonDocument::Indented));
    else
        m_out << historyTable(*h, figures);
    return Ok;
}

int CommandLine::exportPatient(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("rehabit-cli export: write one patient's record to FILE (atomically: FILE appears whole or not at all). "
           "json: the full, lossless record that 'rehabit-cli import' reads; fhir: a FHIR R4 Bundle; csv: one row per "
           "logged event (--csv-kind events, the default) or one row per session (--csv-kind sessions). See "
           "docs/exports.md."));
    const QCommandLineOption patient(QStringList{u"patient"_s},
                                     tr("The patient's id or UUID (see 'rehabit-cli patients')."), tr("ID"));
    const QCommandLineOption format = formatOption(tr("csv, json or fhir."));
    const QCommandLineOption out(QStringList{u"out"_s}, tr("The file to write."), tr("FILE"));
    const QCommandLineOption csvKind(QStringList{u"csv-kind"_s}, tr("For csv: events (default) or sessions."),
                                     tr("KIND"), u"events"_s);
    parser.addOptions({patient, format, out, csvKind});
    if (const auto stop = parseCommand(parser, args))
        return *stop;
    const QString fmt = parser.value(format);
    if (fmt != "csv"_L1 && fmt != "json"_L1 && fmt != "fhir"_L1)
        return usageError(tr("--format must be 'csv', 'json' or 'fhir'."));
    const QString kind = parser.value(csvKind);
    if (kind != "events"_L1 && kind != "sessions"_L1)
        return usageError(tr("--csv-kind must be 'events' or 'sessions', not '%1'.").arg(kind));
    if (parser.isSet(csvKind) && fmt != "csv"_L1)
        return usageError(tr("--csv-kind applies to --format csv only."));
    const auto id = patientKey(parser.value(patient));
    if (!id)
        return usageError(tr("'export' needs --patient ID, a number above 0 or a UUID."));
    const QString file = parser.value(out);
    if (file.isEmpty())
        return usageError(tr("'export' needs --out FILE."));
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("'export' takes no arguments."));
    if (!outputAllowed(file))
        return Failed;

    auto loaded = loadPatient(*id);
    if (!loaded)
        return Failed;
    const std::optional<PatientRecord> *record = &loaded->record;
    const QList<Exercise> *exercises = &loaded->exercises;
    const QDateTime now = Clock::nowUtc();
    QByteArray bytes;
    if (fmt == "json"_L1) {
        bytes = PatientJson::toJson(**record, now);
    } else if (fmt == "fhir"_L1) {
        bytes = PatientFhir::bundle(**record, *exercises, now);
    } else if (kind == "events"_L1) {
        bytes = PatientCsv::events(**record, *exercises);
    } else {
        const auto h = PatientHistory::build(**record, *exercises, QTimeZone::systemTimeZone());
        if (!h) {
            m_err << h.error().text() << u'\n';
            return Failed;
        }
        bytes = PatientCsv::sessions(*h, *exercises);
    }
    if (const auto written = OutputFile::write(file, bytes); !written) {
        m_err << errorText(written.error()) << u'\n';
        return Failed;
    }
    m_err << tr("Wrote %1 (%2 bytes).").arg(file).arg(bytes.size()) << u'\n';
    return Ok;
}

int CommandLine::importPatient(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("rehabit-cli import: add the patient of a JSON export ('rehabit-cli export --format json') to the database "
           "as a new patient, with new ids. The whole file is checked first; on any error nothing is written. A file "
           "whose patient or sessions this database already has (by UUID) is refused unless --as-new-patient is "
           "given."));
    parser.addPositionalArgument(u"FILE"_s, tr("The patient file (JSON)."));
    const QCommandLineOption asNew(QStringList{u"as-new-patient"_s},
                                   tr("Import a patient this database already has once more, as a separate copy "
                                      "with new UUIDs throughout."));
    parser.addOption(asNew);
    if (const auto stop = parseCommand(parser, args))
        return *stop;
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return usageError(tr("'import' needs exactly one FILE."));
    if (!inputAllowed(files.first()))
        return Failed;
    auto store = openStore(false, true);
    if (!store)
        return Failed;
    const auto imported =
        importPatientFile(*store, files.first(), parser.isSet(asNew) ? RecordUuids::New : RecordUuids::Keep);
    if (!imported) {
        m_err << printable(files.first()) << u": "_s << errorText(imported.error()) << u'\n'
              << tr("Nothing was imported.") << u'\n';
        return Failed;
    }
    if (const auto &here = imported->alreadyHere) {
        m_err << printable(files.first()) << u": "_s
              << tr("this database already has this patient: %1 (patient %2, UUID %3). The file was imported before. "
                    "Nothing was imported.")
                     .arg(printable(here->name), QString::number(here->id), here->uuid)
              << u'\n'
              << tr("To import it anyway as a separate patient (new UUIDs throughout, so nothing collides), add "
                    "--as-new-patient. Merging it into the patient already here is not possible yet: a later version "
                    "receives exchange bundles for that.")
              << u'\n';
        return Failed;
    }
    m_out << tr("Imported %1 as patient %2.").arg(files.first()).arg(imported->patientId) << u'\n';
    return Ok;
}

int CommandLine::demoData(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("rehabit-cli demo-data: add N demo patients (names start with \"Demo\"), each with the article's daily "
           "program and D days of sessions played through the session engine (missed days, pain stops, "
           "proposals). One transaction per patient; progress on stderr."));
    const QCommandLineOption count(QStringList{u"patients"_s}, tr("How many patients (1-10000)."), tr("N"));
    const QCommandLineOption days(QStringList{u"days"_s}, tr("Days of history per patient (1-3650)."), tr("D"));
    const QCommandLineOption seed(QStringList{u"seed"_s},
                                  tr("Random seed (default 1): the same seed gives the same data."), tr("S"), u"1"_s);
    const QCommandLineOption lastDay(QStringList{u"last-day"_s},
                                     tr("The last day with sessions, YYYY-MM-DD (default: yesterday)."), tr("DATE"));
    parser.addOptions({count, days, seed, lastDay});
    if (const auto stop = parseCommand(parser, args))
        return *stop;
    bool ok = false;
    const int n = parser.value(count).toInt(&ok);
    if (!ok || n < 1 || n > 10000)
        return usageError(tr("--patients must be a number from 1 to 10000."));
    const int d = parser.value(days).toInt(&ok);
    if (!ok || d < 1 || d > 3650)
        return usageError(tr("--days must be a number from 1 to 3650."));
    const uint s = parser.value(seed).toUInt(&ok);
    if (!ok)
        return usageError(tr("--seed must be a whole number from 0 to 4294967295."));
    DemoOptions options;
    options.days = d;
    options.seed = s;
    if (parser.isSet(lastDay)) {
        const auto day = dateOption(parser.value(lastDay));
        if (!day)
            return usageError(dateOptionError(u"--last-day"_s, parser.value(lastDay)));
        options.lastDay = *day;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("'demo-data' takes no arguments."));

    auto store = openStore(false, true);
    if (!store)
        return Failed;
    const auto exercises = store->exercises();
    if (!exercises) {
        m_err << exercises.error().text() << u'\n';
        return Failed;
    }
    QElapsedTimer timer;
    timer.start();
    qint64 events = 0;
    // Patients are made (pure, in memory) on worker threads, a few ahead,
    // and written here in order, one transaction each.
    const int ahead = std::max(1, QThread::idealThreadCount());
    std::deque<std::future<Result<PatientRecord>>> made;
    int next = 0;
    const QList<Exercise> catalog = *exercises;
    const auto makeMore = [&] {
        while (next < n && int(made.size()) < ahead) {
            const int index = next++;
            made.push_back(std::async(
                std::launch::async, [index, options, catalog] { return DemoData::patient(index, options, catalog); }));
        }
    };
    for (int i = 0; i < n; ++i) {
        makeMore();
        const Result<PatientRecord> record = made.front().get();
        made.pop_front();
        makeMore();
        if (!record) {
            m_err << record.error().text() << u'\n';
            return Failed;
        }
        const auto added = store->addPatientRecord(*record, RecordUuids::Keep);
        if (!added) {
            m_err << added.error().text() << u'\n' << tr("%1 demo patient(s) were added before this error.").arg(i)
                  << u'\n';
            return Failed;
        }
        for (const SessionHistory &h : record->sessions)
            events += h.events.size();
        m_err << tr("demo-data: patient %1 of %2 (%3 events so far, %4 s)")
                     .arg(i + 1)
                     .arg(n)
                     .arg(events)
                     .arg(timer.elapsed() / 1000)
              << u'\n';
        m_err.flush();
    }
    m_out << tr("Added %1 demo patient(s) with %2 days each: %3 events.").arg(n).arg(d).arg(events) << u'\n';
    return Ok;
}

} // namespace rehabit::cli
