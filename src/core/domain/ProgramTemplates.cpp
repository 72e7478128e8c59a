#include "rehabit/domain/ProgramTemplates.h"

#include <QCoreApplication>

namespace rehabit {

Program ProgramTemplates::dailyProgram(qint64 patientId, const QList<Exercise> &catalog, const QDateTime &at)
{
    Program program;
    program.patientId = patientId;
    program.name = QCoreApplication::translate("rehabit::ProgramTemplates", "Hip flexor daily program");
    program.painRule = PainRuleKind::Strict; // the article: no exercise may create or worsen pain
    program.createdAt = at;
    int position = 0;
    for (const Phase phase : {Phase::Flexibility, Phase::CoreStability, Phase::HipStrength}) {
        for (const Exercise &e : catalog) {
            if (e.phase != phase || e.origin != ExerciseOrigin::Bundled)
                continue;
            ProgramItem item;
            item.position = ++position;
            item.exerciseId = e.id;
            item.rx = defaultPrescription(e);
            program.items << item;
        }
    }
    return program;
}

} // namespace rehabit
