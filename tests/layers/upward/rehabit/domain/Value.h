#pragma once
// Test fixture of HeaderLayers.cmake: an include within the part, allowed.
