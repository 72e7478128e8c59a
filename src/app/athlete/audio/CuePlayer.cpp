#include "athlete/audio/CuePlayer.h"

#include "athlete/audio/ModuleCueOutput.h"

#include <type_traits>
#include <utility>

namespace rehabit {

CuePlayer::CuePlayer(QObject *parent)
    : CuePlayer(std::make_unique<ModuleCueOutput>(), parent)
{}

CuePlayer::CuePlayer(std::unique_ptr<CueOutput> output, QObject *parent)
    : QObject(parent)
    , m_output(std::move(output))
{
    Q_ASSERT(m_output);
    connect(m_output.get(), &CueOutput::speechFailed, this, [this] {
        if (m_spoke)
            report(Lost::Speech);
    });
}

CuePlayer::~CuePlayer()
{
    disconnect(m_output.get(), nullptr, this, nullptr);
}

void CuePlayer::play(SoundCue cue)
{
    if (m_muted)
        return;
    if (!m_output->soundAvailable() || !m_output->playSound(cue))
        report(Lost::Sound);
}

void CuePlayer::say(const QString &words)
{
    if (m_muted || !m_speechEnabled || words.trimmed().isEmpty())
        return;
    if (!m_output->speechAvailable()) {
        report(Lost::Speech);
        return;
    }
    m_spoke = true;
    if (!m_output->speak(words))
        report(Lost::Speech);
}

bool CuePlayer::handle(const SessionEffect &effect)
{
    return std::visit(
        [this](const auto &e) {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, PlaySound>) {
                play(e.cue);
                return true;
            } else if constexpr (std::is_same_v<E, Say>) {
                say(e.words);
                return true;
            } else {
                return false;
            }
        },
        effect);
}

void CuePlayer::setMuted(bool muted)
{
    m_muted = muted;
    if (muted) {
        m_output->stopSounds();
        m_output->stopSpeech();
    }
}

bool CuePlayer::isMuted() const
{
    return m_muted;
}

void CuePlayer::setSpeechEnabled(bool enabled)
{
    m_speechEnabled = enabled;
    if (!enabled)
        m_output->stopSpeech();
}

bool CuePlayer::isSpeechEnabled() const
{
    return m_speechEnabled;
}

bool CuePlayer::soundAvailable() const
{
    return m_output->soundAvailable();
}

bool CuePlayer::speechAvailable() const
{
    return m_output->speechAvailable();
}

CueOutput *CuePlayer::output() const
{
    return m_output.get();
}

void CuePlayer::report(Lost lost)
{
    if (m_reported)
        return;
    m_reported = true;

    QString message;
    if (lost == Lost::Sound) {
        if (!m_speechEnabled)
            message = tr("Sound is not available on this computer; the session continues silently.");
        else if (m_output->speechAvailable())
            message = tr("Sound is not available on this computer; the session continues with spoken cues only.");
        else
            message = tr("Sound and speech are not available on this computer; the session continues silently.");
    } else {
        if (m_output->soundAvailable())
            message = tr("Speech is not available on this computer; the session continues with sounds only.");
        else
            message = tr("Sound and speech are not available on this computer; the session continues silently.");
    }
    Q_EMIT unavailable(message);
}

} // namespace rehabit
