#pragma once
// Test fixture of HeaderLayers.cmake: an arrow down to the domain, allowed.

#include "rehabit/domain/Value.h"
