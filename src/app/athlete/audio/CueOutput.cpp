#include "athlete/audio/CueOutput.h"

namespace rehabit {

CueOutput::~CueOutput() = default;

} // namespace rehabit
