#pragma once
// Where the session's cues go: the sound and speech back end behind CuePlayer.
// ModuleCueOutput is the real one (the audio module's QSoundEffect +
// QTextToSpeech with flite); tests put in their own to see which cues and
// words were asked for.

#include "athlete/audio/CueAudio.h"

#include "rehabit/engine/SessionEngine.h"

#include <QObject>
#include <QString>

namespace rehabit {

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
