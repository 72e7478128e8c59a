#pragma once
// The session's audio cues: short sounds (PlaySound effects) and spoken words
// (Say effects), with a mute switch and a speech switch. It never waits for
// audio and never fails: where sound or speech is unavailable the session goes
// on silently, and unavailable() says so once, the first time a cue is lost.

#include "athlete/audio/CueOutput.h"

#include "rehabit/engine/SessionEngine.h"

#include <QObject>
#include <QString>

#include <memory>

namespace rehabit {

class CuePlayer : public QObject {
    Q_OBJECT
public:
    /// Plays through the real ModuleCueOutput (the audio module's sound effects
    /// and flite speech; silent when the module is not installed).
    explicit CuePlayer(QObject *parent = nullptr);
    /// Plays through `output` (not null), which the player owns.
    explicit CuePlayer(std::unique_ptr<CueOutput> output, QObject *parent = nullptr);
    ~CuePlayer() override;

    /// The cue's short sound, unless muted.
    void play(SoundCue cue);
    /// Speaks the words, unless muted or speech is switched off. Blank words are ignored.
    void say(const QString &words);
    /// Plays a PlaySound, speaks a Say; false (and nothing done) for any other effect.
    bool handle(const SessionEffect &effect);

    /// The mute switch: silences sounds and speech, stopping what is playing.
    /// The caller keeps the setting.
    void setMuted(bool muted);
    bool isMuted() const;
    /// Spoken cues on or off (sounds are not affected). On by default.
    void setSpeechEnabled(bool enabled);
    bool isSpeechEnabled() const;

    bool soundAvailable() const;
    bool speechAvailable() const;

    CueOutput *output() const;

Q_SIGNALS:
    /// A cue could not be played or spoken. Emitted at most once per player;
    /// `message` is a translated sentence for the athlete.
    void unavailable(const QString &message);

private:
    enum class Lost { Sound, Speech };
    void report(Lost lost);

    std::unique_ptr<CueOutput> m_output;
    bool m_muted = false;
    bool m_speechEnabled = true;
    bool m_spoke = false;    ///< words were handed to the output
    bool m_reported = false; ///< unavailable() was emitted
};

} // namespace rehabit
