#pragma once
// The real cue output: the audio module's sounds and speech (CueAudio, made by
// the module rehabit_audio, which is loaded the first time one of these is
// made). Without the module it stays silent and says so the way a computer
// without audio does: nothing is available, every request answers false.

#include "athlete/audio/CueOutput.h"

#include <memory>

namespace rehabit {

class ModuleCueOutput final : public CueOutput {
    Q_OBJECT
public:
    explicit ModuleCueOutput(QObject *parent = nullptr);
    ~ModuleCueOutput() override;

    /// Whether the audio module was found and made its sounds and speech.
    bool moduleLoaded() const { return m_audio != nullptr; }

    bool soundAvailable() const override;
    bool speechAvailable() const override;
    bool playSound(SoundCue cue) override;
    bool speak(const QString &words) override;
    void stopSounds() override;
    void stopSpeech() override;

private:
    std::unique_ptr<CueAudio> m_audio;
};

} // namespace rehabit
