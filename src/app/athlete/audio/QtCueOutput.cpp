#include "athlete/audio/QtCueOutput.h"

#include "shell/ModuleLibrary.h"

#include <QAudioDevice>
#include <QMediaDevices>
#include <QSoundEffect>
#include <QTextToSpeech>
#include <QUrl>

#include <type_traits>
#include <utility>

using namespace Qt::StringLiterals;

namespace rehabit {

namespace {

constexpr std::size_t indexOf(SoundCue cue)
{
    return static_cast<std::size_t>(cue);
}

constexpr bool cuesInOrder()
{
    for (std::size_t i = 0; i < kAllSoundCues.size(); ++i)
        if (indexOf(kAllSoundCues[i]) != i)
            return false;
    return true;
}
static_assert(cuesInOrder(), "kAllSoundCues lists every SoundCue in declaration order");

} // namespace

QString QtCueOutput::speechEngineName()
{
    return u"flite"_s;
}

QtCueOutput::QtCueOutput(std::function<void()> speechFailed, QObject *parent)
    : QObject(parent)
    , m_speechFailed(std::move(speechFailed))
{
    // Sounds: only where they can be heard. QSoundEffect on a machine without
    // an output would load, "play" and stay silent; better to say so.
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    if (!device.isNull()) {
        for (SoundCue cue : kAllSoundCues) {
            auto *effect = new QSoundEffect(device, this);
            effect->setSource(QUrl(u"qrc"_s + cueSoundResource(cue)));
            m_effects[indexOf(cue)] = effect;
        }
        m_soundAvailable = true;
    }

    // Speech: flite only (the default speechd engine needs a daemon). flite
    // plays through the default audio output too, so without one it cannot
    // speak. Qt 6.4's flite leaves errorReason() at Initialization even when
    // it works, so the state and the voices are what tell.
    if (!device.isNull() && QTextToSpeech::availableEngines().contains(speechEngineName())) {
        m_speech = new QTextToSpeech(speechEngineName(), this);
        if (m_speech->state() == QTextToSpeech::Error || m_speech->availableLocales().isEmpty()) {
            delete m_speech;
            m_speech = nullptr;
        } else {
            m_speechAvailable = true;
            connect(m_speech, &QTextToSpeech::stateChanged, this,
                    [this](QTextToSpeech::State state) { speechStateChanged(state); });
            m_settle.setSingleShot(true);
            m_settle.setInterval(kSettleMs);
            connect(&m_settle, &QTimer::timeout, this, &QtCueOutput::utteranceOver);
            m_stopTimer.setSingleShot(true);
            m_stopTimer.setInterval(kStopGraceMs);
            connect(&m_stopTimer, &QTimer::timeout, this, &QtCueOutput::stopIfStillSpeaking);
            m_watchdog.setSingleShot(true);
            m_watchdog.setInterval(kWatchdogMs);
            connect(&m_watchdog, &QTimer::timeout, this, &QtCueOutput::utteranceOver);
        }
    }
}

QtCueOutput::~QtCueOutput()
{
    // The engine goes first, while the members its signals reach still exist.
    if (m_speech) {
        disconnect(m_speech, nullptr, this, nullptr);
        delete m_speech;
    }
}

bool QtCueOutput::soundAvailable() const
{
    return m_soundAvailable;
}

bool QtCueOutput::speechAvailable() const
{
    return m_speechAvailable;
}

bool QtCueOutput::playSound(SoundCue cue)
{
    QSoundEffect *effect = m_soundAvailable ? m_effects[indexOf(cue)] : nullptr;
    if (!effect || effect->status() == QSoundEffect::Error)
        return false;
    effect->play(); // still loading: it plays once loaded
    return true;
}

// Speech and Qt 6.4's flite plugin. Two faults of the plugin shape this:
// - It fails an utterance whose last audio chunk from flite is empty ("Audio
//   streaming error.", nothing heard), which depends on the exact length of
//   the speech: in practice about every other short phrase ("Hold", "Switch
//   sides"). A slightly different rate changes the length, so failed words are
//   tried again at the next rate in kRetryRates; only when every rate fails is
//   speech taken as unavailable.
// - say() or stop() while flite is still making the audio of an utterance can
//   crash the plugin (seen in about half the tries of "say, say at once" when
//   the first one fails). So utterances never overlap: new words wait for the
//   current utterance to end, which is cut short by stop() only once flite is
//   surely done with it (kStopGraceMs after Speaking), and each utterance
//   starts kSettleMs after the previous one ended.

bool QtCueOutput::speak(const QString &words)
{
    if (!m_speechAvailable)
        return false;
    m_words = words;
    m_attempt = 0;
    m_wordsWaiting = true;
    if (m_inFlight)
        requestStop(); // the new words start when it has ended
    else
        startUtterance();
    return m_speechAvailable;
}

void QtCueOutput::startUtterance()
{
    m_wordsWaiting = false;
    m_inFlight = true;
    m_spoke = m_ended = m_failed = m_stopWanted = false;
    m_speech->setRate(kRetryRates[m_attempt]);
    m_speech->say(m_words);
    m_watchdog.start();
}

void QtCueOutput::requestStop()
{
    if (!m_inFlight || m_ended || m_stopWanted)
        return;
    m_stopWanted = true;
    if (m_spoke && !m_stopTimer.isActive())
        stopIfStillSpeaking(); // Speaking began more than kStopGraceMs ago
}

void QtCueOutput::stopIfStillSpeaking()
{
    if (m_inFlight && m_stopWanted && !m_ended)
        m_speech->stop();
}

void QtCueOutput::speechStateChanged(int state)
{
    if (!m_inFlight)
        return;
    switch (state) {
    case QTextToSpeech::Speaking:
        if (!m_spoke) {
            m_spoke = true;
            m_stopTimer.start(); // till then stop() must wait
        }
        break;
    case QTextToSpeech::Error:
        m_failed = true;
        m_ended = true;
        m_settle.start();
        break;
    case QTextToSpeech::Ready:
        if (m_spoke || m_failed) {
            m_ended = true;
            m_settle.start(); // restarted when Error and Ready come one after the other
        }
        break;
    default: break;
    }
}

void QtCueOutput::utteranceOver()
{
    m_settle.stop();
    m_stopTimer.stop();
    m_watchdog.stop();
    if (!m_inFlight)
        return;
    m_inFlight = false;
    if (m_failed && !m_wordsWaiting && !m_words.isEmpty()) {
        if (m_attempt + 1 < kRetryRates.size()) {
            ++m_attempt;
            m_wordsWaiting = true;
        } else {
            m_words.clear();
            m_speechAvailable = false;
            if (m_speechFailed)
                m_speechFailed();
            return;
        }
    }
    if (m_wordsWaiting)
        startUtterance();
}

void QtCueOutput::stopSounds()
{
    for (QSoundEffect *effect : m_effects)
        if (effect)
            effect->stop();
}

void QtCueOutput::stopSpeech()
{
    m_words.clear();
    m_wordsWaiting = false;
    requestStop();
}

} // namespace rehabit

// The module's entry points (shell/ModuleLibrary.h).
extern "C" Q_DECL_EXPORT int rehabit_module_interface()
{
    return rehabit::kModuleInterfaceVersion;
}

extern "C" Q_DECL_EXPORT rehabit::CueAudio *rehabit_make_cue_audio(std::function<void()> speechFailed)
{
    return new rehabit::QtCueOutput(std::move(speechFailed));
}
static_assert(std::is_same_v<decltype(&rehabit_make_cue_audio), rehabit::MakeCueAudio>);
