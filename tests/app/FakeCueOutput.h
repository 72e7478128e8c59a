#pragma once
// A cue output for tests: records which sounds and words the player asked for.

#include "athlete/audio/CueOutput.h"

#include <QList>
#include <QStringList>

namespace rehabit::testing {

// Records what the player asks for; availability is set by the test.
class FakeCueOutput final : public CueOutput {
public:
    bool sound = true;      ///< soundAvailable()
    bool speech = true;     ///< speechAvailable()
    bool soundPlays = true; ///< playSound() succeeds while sound is available
    QList<SoundCue> sounds;
    QStringList words;
    int soundStops = 0;
    int speechStops = 0;

    bool soundAvailable() const override { return sound; }
    bool speechAvailable() const override { return speech; }
    bool playSound(SoundCue cue) override
    {
        if (!sound || !soundPlays)
            return false;
        sounds.append(cue);
        return true;
    }
    bool speak(const QString &text) override
    {
        if (!speech)
            return false;
        words.append(text);
        return true;
    }
    void stopSounds() override { ++soundStops; }
    void stopSpeech() override { ++speechStops; }

    /// The engine breaks while speaking.
    void failSpeech()
    {
        speech = false;
        Q_EMIT speechFailed();
    }
};

} // namespace rehabit::testing
