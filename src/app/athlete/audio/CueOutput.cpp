#include "athlete/audio/CueOutput.h"

using namespace Qt::StringLiterals;

namespace rehabit {

CueOutput::~CueOutput() = default;

QString cueSoundResource(SoundCue cue)
{
    // The files resources/sounds/generate.py makes, bundled as "rehabit_gui_sounds".
    switch (cue) {
    case SoundCue::HoldStart: return u":/rehabit/sounds/hold-start.wav"_s;
    case SoundCue::HoldEnd: return u":/rehabit/sounds/hold-end.wav"_s;
    case SoundCue::Count3: return u":/rehabit/sounds/count-3.wav"_s;
    case SoundCue::Count2: return u":/rehabit/sounds/count-2.wav"_s;
    case SoundCue::Count1: return u":/rehabit/sounds/count-1.wav"_s;
    case SoundCue::SwitchSides: return u":/rehabit/sounds/switch-sides.wav"_s;
    case SoundCue::SetDone: return u":/rehabit/sounds/set-done.wav"_s;
    case SoundCue::SessionDone: return u":/rehabit/sounds/session-done.wav"_s;
    }
    return {};
}

} // namespace rehabit
