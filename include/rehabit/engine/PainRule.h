#pragma once
// The program's pain rule (DOMAIN.md, "Pain"), pure: what a 0-10 rating means
// for the exercise in progress, for the session and for the next session.
//
//   strict (the article): any rating above the session's starting pain stops
//       the exercise; the session is flagged and a step back is proposed.
//   pain-monitoring model (Silbernagel 2007): 0-2 safe, 3-5 acceptable,
//       6-10 stop.
//   next morning, both rules: pain above the usual level (the rating given
//       before that session) means less load next time.

#include "rehabit/domain/Program.h"
#include "rehabit/domain/SessionLog.h"

#include <QString>

#include <optional>

namespace rehabit {

/// The pain-monitoring model's zones.
enum class PainZone {
    Safe,       ///< 0-2
    Acceptable, ///< 3-5
    TooHigh,    ///< 6-10
};

/// Why a rating stopped the exercise (or, before / after the session, why it
/// is a warning). Logged as the PainStop event's detail code.
enum class PainStopReason {
    None,
    RoseAboveStart, ///< strict: above the session's starting pain
    AboveFive,      ///< pain-monitoring: 6 or more
};
QString toCode(PainStopReason);

struct PainVerdict {
    bool stop = false;
    PainStopReason reason = PainStopReason::None;
    PainZone zone = PainZone::Safe; ///< the pain-monitoring zone, given under both rules
    int pain = 0;
    std::optional<int> start; ///< the session's starting pain the rating was compared with
    bool operator==(const PainVerdict &) const = default;
};

struct NextMorningVerdict {
    bool reduceLoad = false; ///< pain above the usual level: less load next time
    int pain = 0;
    int usual = 0; ///< the rating given before that session
    bool operator==(const NextMorningVerdict &) const = default;
};

class PainRule {
public:
    static constexpr int MinPain = 0;
    static constexpr int MaxPain = 10;

    explicit PainRule(PainRuleKind kind)
        : m_kind(kind)
    {}
    PainRuleKind kind() const { return m_kind; }

    static bool isValidRating(int pain) { return isValidPainRating(pain); }
    static PainZone zone(int pain);

    /// A rating given during an exercise, after it, or after the session.
    /// `start` is the session's before-session rating; without one the strict
    /// rule compares with 0.
    PainVerdict judge(int pain, std::optional<int> start) const;

    /// The rating given before the session. Strict: never a stop (it is the
    /// starting point). Pain-monitoring: 6 or more is a warning that the
    /// session should not be done today (stop = true, reason AboveFive).
    PainVerdict judgeBeforeSession(int pain) const;

    /// The next-morning check-in for a session whose before-session rating
    /// was `usual`: above it means reduce the load (same for both rules).
    static NextMorningVerdict nextMorning(int pain, int usual);

    /// For progression: a rating that counts as pain-free. Strict: not above
    /// the starting pain. Pain-monitoring: in the safe zone (0-2).
    bool isPainFree(int pain, std::optional<int> start) const;

private:
    PainRuleKind m_kind;
};

} // namespace rehabit
