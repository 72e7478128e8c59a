#pragma once
// The audio module's side of the session's cues: the sound effects and the
// speech engine (QtCueOutput, built into the module rehabit_audio with Qt
// Multimedia and TextToSpeech; see shell/ModuleLibrary.h). A plain abstract
// class, all inline, so that the module uses no code of rehabit_gui;
// ModuleCueOutput puts it behind CueOutput.

#include "rehabit/engine/SessionEngine.h"

#include <QString>

#include <array>
#include <functional>

namespace rehabit {

/// Every SoundCue, in declaration order.
inline constexpr std::array<SoundCue, 8> kAllSoundCues{SoundCue::HoldStart, SoundCue::HoldEnd,    SoundCue::Count3,
                                                       SoundCue::Count2,    SoundCue::Count1,     SoundCue::SwitchSides,
                                                       SoundCue::SetDone,   SoundCue::SessionDone};

/// The cue's WAV file in the app's resources (":/rehabit/sounds/...").
inline QString cueSoundResource(SoundCue cue)
{
    // The files resources/sounds/generate.py makes, bundled as "rehabit_gui_sounds".
    switch (cue) {
    case SoundCue::HoldStart: return QStringLiteral(":/rehabit/sounds/hold-start.wav");
    case SoundCue::HoldEnd: return QStringLiteral(":/rehabit/sounds/hold-end.wav");
    case SoundCue::Count3: return QStringLiteral(":/rehabit/sounds/count-3.wav");
    case SoundCue::Count2: return QStringLiteral(":/rehabit/sounds/count-2.wav");
    case SoundCue::Count1: return QStringLiteral(":/rehabit/sounds/count-1.wav");
    case SoundCue::SwitchSides: return QStringLiteral(":/rehabit/sounds/switch-sides.wav");
    case SoundCue::SetDone: return QStringLiteral(":/rehabit/sounds/set-done.wav");
    case SoundCue::SessionDone: return QStringLiteral(":/rehabit/sounds/session-done.wav");
    }
    return {};
}

/// What CueOutput asks of the audio module (the same calls, the same answers).
class CueAudio {
public:
    virtual ~CueAudio() = default;

    virtual bool soundAvailable() const = 0;
    virtual bool speechAvailable() const = 0;
    virtual bool playSound(SoundCue cue) = 0;
    virtual bool speak(const QString &words) = 0;
    virtual void stopSounds() = 0;
    virtual void stopSpeech() = 0;
};

/// The audio module's factory, `extern "C"`: a new CueAudio (the caller owns
/// it) that calls `speechFailed` when speech breaks after speak() accepted words.
using MakeCueAudio = CueAudio *(*)(std::function<void()> speechFailed);
inline constexpr char kMakeCueAudioSymbol[] = "rehabit_make_cue_audio";

} // namespace rehabit
