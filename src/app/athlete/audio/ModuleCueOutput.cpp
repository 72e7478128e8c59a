#include "athlete/audio/ModuleCueOutput.h"

#include "shell/ModuleLibrary.h"

namespace rehabit {

ModuleCueOutput::ModuleCueOutput(QObject *parent)
    : CueOutput(parent)
{
    if (const auto make =
            reinterpret_cast<MakeCueAudio>(moduleFunction(QString::fromLatin1(kAudioModule), kMakeCueAudioSymbol)))
        m_audio.reset(make([this] { Q_EMIT speechFailed(); }));
}

ModuleCueOutput::~ModuleCueOutput() = default;

bool ModuleCueOutput::soundAvailable() const
{
    return m_audio && m_audio->soundAvailable();
}

bool ModuleCueOutput::speechAvailable() const
{
    return m_audio && m_audio->speechAvailable();
}

bool ModuleCueOutput::playSound(SoundCue cue)
{
    return m_audio && m_audio->playSound(cue);
}

bool ModuleCueOutput::speak(const QString &words)
{
    return m_audio && m_audio->speak(words);
}

void ModuleCueOutput::stopSounds()
{
    if (m_audio)
        m_audio->stopSounds();
}

void ModuleCueOutput::stopSpeech()
{
    if (m_audio)
        m_audio->stopSpeech();
}

} // namespace rehabit
