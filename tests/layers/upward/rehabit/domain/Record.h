#pragma once
// Test fixture of HeaderLayers.cmake: a domain header that includes the
// engine, the arrow PatientRecord.h had before issue 11.

#include "rehabit/domain/Value.h"
#include "rehabit/engine/Walk.h"
