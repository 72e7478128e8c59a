#pragma once
// Where the session's cues go: the sound and speech back end behind CuePlayer.
// QtCueOutput is the real one (QSoundEffect + QTextToSpeech with flite); tests
// put in their own to see which cues and words were asked for.

#include "rehabit/engine/SessionEngine.h"

#include <QObject>
#include <QString>

#include <array>

namespace rehabit {

/// Every SoundCue, in declaration order.
inline constexpr std::array<SoundCue, 8> kAllSoundCues{SoundCue::HoldStart, SoundCue::HoldEnd,    SoundCue::Count3,
                                                       SoundCue::Count2,    SoundCue::Count1,     SoundCue::SwitchSides,
                                                       SoundCue::SetDone,   SoundCue::SessionDone};

/// The cue's WAV file in the app's resources (":/rehabit/sounds/...").
QString cueSoundResource(SoundCue cue);

class CueOutput : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~CueOutput() override;

    /// Whether sounds can be heard at all (an audio output exists).
    virtual bool soundAvailable() const = 0;
    /// Whether words can be spoken (a speech engine that works).
    virtual bool speechAvailable() const = 0;

    /// Starts the cue's sound without waiting for it; false when it cannot be played.
    virtual bool playSound(SoundCue cue) = 0;
    /// Starts speaking the words without waiting; false when they cannot be spoken.
    /// New words cut off words still being spoken.
    virtual bool speak(const QString &words) = 0;

    virtual void stopSounds() = 0;
    virtual void stopSpeech() = 0;

Q_SIGNALS:
    /// Speech broke after speak() had accepted words (the engine went into its
    /// error state); speechAvailable() is false from then on.
    void speechFailed();
};

} // namespace rehabit
