#pragma once
// The audio module's sounds and speech (built into rehabit_audio, not into
// rehabit_gui; see shell/ModuleLibrary.h): one preloaded QSoundEffect per
// SoundCue on the default audio output, and QTextToSpeech with the flite
// engine (speaks without a daemon). With no audio output, or no flite, it stays silent: nothing is
// loaded that could not be heard, and every request answers false at once.
//
// Speech goes to flite one utterance at a time: new words stop the ones being
// spoken and start once the engine has settled. Qt 6.4's flite plugin needs
// that care; see QtCueOutput.cpp.

#include "athlete/audio/CueAudio.h"

#include <QObject>
#include <QTimer>

#include <array>
#include <functional>

QT_BEGIN_NAMESPACE
class QSoundEffect;
class QTextToSpeech;
QT_END_NAMESPACE

namespace rehabit {

class QtCueOutput final : public QObject, public CueAudio {
    Q_OBJECT
public:
    /// `speechFailed` is called when speech breaks after speak() had accepted
    /// words; speechAvailable() is false from then on.
    explicit QtCueOutput(std::function<void()> speechFailed, QObject *parent = nullptr);
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
    void startUtterance();
    void requestStop();
    void stopIfStillSpeaking();
    void speechStateChanged(int state);
    void utteranceOver();

    /// The speech rates tried in turn for the same words when flite fails them:
    /// at most 3 % faster or 6 % slower than normal.
    static constexpr std::array<double, 7> kRetryRates{0.0, 0.02, -0.01, 0.04, -0.02, 0.06, -0.03};
    /// The pause between the end of one utterance and the start of the next.
    static constexpr int kSettleMs = 100;
    /// How long after Speaking an utterance may be stopped: flite has finished
    /// making its audio by then (10 s of speech takes it about 0.2 s).
    static constexpr int kStopGraceMs = 500;
    /// An utterance that has not ended by then is taken as over.
    static constexpr int kWatchdogMs = 60000;

    std::function<void()> m_speechFailed;
    std::array<QSoundEffect *, kAllSoundCues.size()> m_effects{};
    bool m_soundAvailable = false;

    QTextToSpeech *m_speech = nullptr;
    bool m_speechAvailable = false;
    QString m_words;             ///< the latest words asked for
    bool m_wordsWaiting = false; ///< m_words still to be handed to the engine
    bool m_inFlight = false;     ///< an utterance is with the engine (until it has settled)
    bool m_spoke = false;        ///< the utterance in flight reached Speaking
    bool m_ended = false;        ///< ... and then Ready or Error
    bool m_failed = false;       ///< ... and it was Error
    bool m_stopWanted = false;   ///< the utterance in flight is to be cut short
    std::size_t m_attempt = 0;   ///< index into kRetryRates for m_words
    QTimer m_settle;             ///< after Ready or Error: the engine has settled
    QTimer m_stopTimer;          ///< kStopGraceMs after Speaking, when stop is wanted
    QTimer m_watchdog;           ///< an utterance the engine never finishes
};

} // namespace rehabit
