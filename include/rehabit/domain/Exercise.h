#pragma once
// Catalog domain types: plain values, no Qt SQL, no widgets.

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace rehabit {

/// The article's order of treatment: assess, stretch/release, brace, strengthen.
enum class Phase { Assessment, Flexibility, CoreStability, HipStrength };

/// What the athlete does in one set.
enum class WorkKind {
    Assessment, ///< a test with a result per side (Thomas test)
    Reps,       ///< repetitions without a hold (marching bridge)
    Holds,      ///< repetitions each held for hold_seconds (bracing, stretch)
    Timed,      ///< one timed bout per set and side (ball release)
};

/// How sides are worked.
enum class Sides {
    EachSide,    ///< all reps on the left, then all on the right
    Alternating, ///< left, right, left ... within one set; reps counted in total
    Both,        ///< both sides at once
};

/// The side a logged event belongs to.
enum class Side { Left, Right, Both };

/// A prescribed figure: the article's range and the default Rehabit uses.
struct Range {
    int min = 0;
    int max = 0;
    int def = 0;
    bool operator==(const Range &) const = default;
};

/// CERT-style dosage of one catalog entry. A missing figure is std::nullopt.
struct Dosage {
    std::optional<Range> sets;
    std::optional<Range> reps; ///< per side for EachSide, in total for Alternating
    std::optional<Range> holdSeconds;
    std::optional<Range> durationSeconds; ///< timed work
    bool operator==(const Dosage &) const = default;
};

/// Rest defaults (the article gives none; see the entry's source note).
struct Rest {
    int betweenRepsSeconds = 0;
    int betweenSetsSeconds = 0;
    int afterExerciseSeconds = 0;
    bool operator==(const Rest &) const = default;
};

/// A timed follow-up after the main work (the ball release's wave-like motion).
struct FollowUp {
    QString name;
    QString cue;
    Range seconds;
    bool operator==(const FollowUp &) const = default;
};

struct Step {
    QString text;
    QString cue; ///< short words said or shown while doing this step
    bool operator==(const Step &) const = default;
};

struct Variant {
    QString name;
    QString when; ///< when to use it instead ("if the hamstring cramps")
    QString description;
    bool operator==(const Variant &) const = default;
};

struct Reference {
    int number = 0; ///< the article's reference number (1-8)
    QString citation;
    bool operator==(const Reference &) const = default;
};

enum class ExerciseOrigin { Bundled, Custom };

/// Rehabit's choice where the catalog gives no position time: 10 s to get down
/// into half-kneeling, onto the stomach or the side, and to read the cue.
inline constexpr int kDefaultPositionSeconds = 10;

struct Exercise {
    QString id; ///< stable kebab-case identifier
    QString name;
    Phase phase = Phase::Flexibility;
    QString category;
    WorkKind kind = WorkKind::Reps;
    Sides sides = Sides::EachSide;
    Dosage dosage;
    Rest rest;
    int positionSeconds = kDefaultPositionSeconds; ///< "get into position" before a hold or timed bout
    std::optional<FollowUp> followUp;
    QStringList equipment;
    QList<Step> steps;
    QStringList mistakes;
    QStringList safety;
    QList<Variant> variants;
    QList<Reference> references;
    QString sourceNote;      ///< where the article gives no number, what Rehabit chose
    QStringList unspecified; ///< dosage keys the article does not give ("sets", "reps")
    QString illustration;    ///< resource name of the SVG drawing, may be empty
    ExerciseOrigin origin = ExerciseOrigin::Bundled;
    bool operator==(const Exercise &) const = default;
};

struct Catalog {
    int version = 0; ///< increases with every change of the bundled file
    QString source;  ///< the article the catalog follows: its title ("Fixing Hip Flexor Pain")
    QList<Exercise> exercises;
    QString sourcePublisher;   ///< "Squat University"; may be empty
    QStringList sourceAuthors; ///< as the article names them; may be empty
    bool operator==(const Catalog &) const = default;
};

// Stable text codes used in JSON, SQL and the CLI.
QString toCode(Phase);
QString toCode(WorkKind);
QString toCode(Sides);
QString toCode(Side);
std::optional<Phase> phaseFromCode(const QString &);
std::optional<WorkKind> workKindFromCode(const QString &);
std::optional<Sides> sidesFromCode(const QString &);
std::optional<Side> sideFromCode(const QString &);

/// Phase in words for a person ("Hip strength"), translated.
QString phaseName(Phase);

} // namespace rehabit
