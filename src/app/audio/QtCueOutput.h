#pragma once
// The real cue output: one preloaded QSoundEffect per SoundCue on the default
// audio output, and QTextToSpeech with the flite engine (speaks without a
// daemon). With no audio output, or no flite, it stays silent: nothing is
// loaded that could not be heard, and every request answers false at once.

#include "audio/CueOutput.h"

#include <array>

QT_BEGIN_NAMESPACE
class QSoundEffect;
class QTextToSpeech;
QT_END_NAMESPACE

namespace rehabit {

class QtCueOutput final : public CueOutput
{
    Q_OBJECT
public:
    explicit QtCueOutput(QObject *parent = nullptr);
    ~QtCueOutput() override;

    bool soundAvailable() const override;
    bool speechAvailable() const override;
    bool playSound(SoundCue cue) override;
    bool speak(const QString &words) override;
    void stopSounds() override;
    void stopSpeech() override;

    /// The speech engine asked for.
    static QString speechEngineName();

private:
    void sayAttempt();
    void speechError();

    /// The speech rates tried in turn for the same words (see speechError()):
    /// at most 3 % faster or 6 % slower than normal.
    static constexpr std::array<double, 7> kRetryRates{0.0, 0.02, -0.01, 0.04, -0.02, 0.06, -0.03};

    std::array<QSoundEffect *, kAllSoundCues.size()> m_effects{};
    bool m_soundAvailable = false;
    QTextToSpeech *m_speech = nullptr;
    bool m_speechAvailable = false;
    QString m_words;            ///< the latest words, kept for a retry; empty once stopped or failed
    std::size_t m_attempt = 0;  ///< index into kRetryRates
};

} // namespace rehabit
