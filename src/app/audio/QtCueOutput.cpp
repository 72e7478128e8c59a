#include "audio/QtCueOutput.h"

#include <QAudioDevice>
#include <QMediaDevices>
#include <QSoundEffect>
#include <QTextToSpeech>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace rehabit {

namespace {

constexpr std::size_t indexOf(SoundCue cue) { return static_cast<std::size_t>(cue); }

constexpr bool cuesInOrder()
{
    for (std::size_t i = 0; i < kAllSoundCues.size(); ++i)
        if (indexOf(kAllSoundCues[i]) != i)
            return false;
    return true;
}
static_assert(cuesInOrder(), "kAllSoundCues lists every SoundCue in declaration order");

} // namespace

QString QtCueOutput::speechEngineName() { return u"flite"_s; }

QtCueOutput::QtCueOutput(QObject *parent)
    : CueOutput(parent)
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
            connect(m_speech, &QTextToSpeech::stateChanged, this, [this](QTextToSpeech::State state) {
                if (state == QTextToSpeech::Error)
                    speechError();
            });
        }
    }
}

QtCueOutput::~QtCueOutput() = default;

bool QtCueOutput::soundAvailable() const { return m_soundAvailable; }

bool QtCueOutput::speechAvailable() const { return m_speechAvailable; }

bool QtCueOutput::playSound(SoundCue cue)
{
    QSoundEffect *effect = m_soundAvailable ? m_effects[indexOf(cue)] : nullptr;
    if (!effect || effect->status() == QSoundEffect::Error)
        return false;
    effect->play(); // still loading: it plays once loaded
    return true;
}

bool QtCueOutput::speak(const QString &words)
{
    if (!m_speechAvailable)
        return false;
    m_words = words;
    m_attempt = 0;
    sayAttempt();
    return m_speechAvailable; // false if the engine failed at once
}

void QtCueOutput::sayAttempt()
{
    m_speech->setRate(kRetryRates[m_attempt]);
    m_speech->say(m_words);
}

void QtCueOutput::speechError()
{
    if (!m_speechAvailable)
        return;
    // Qt 6.4's flite plugin fails an utterance whose last audio chunk from
    // flite is empty ("Audio streaming error.", nothing heard), which depends
    // on the words' exact length: about every other short phrase. A slightly
    // different rate changes the length, so the same words are tried again at
    // the next rate. Only when every rate fails is speech really unavailable.
    if (!m_words.isEmpty() && m_attempt + 1 < kRetryRates.size()) {
        ++m_attempt;
        // Queued: the engine finishes its error (Error, then Ready) first.
        QMetaObject::invokeMethod(this, [this] {
            if (!m_words.isEmpty() && m_speechAvailable)
                sayAttempt();
        }, Qt::QueuedConnection);
        return;
    }
    m_words.clear();
    m_speechAvailable = false;
    Q_EMIT speechFailed();
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
    if (m_speech)
        m_speech->stop();
}

} // namespace rehabit
