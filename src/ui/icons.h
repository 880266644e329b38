// Small vector icons for the kinds of goods (sayur, bumbu, ikan, daging, ayam, telur, ...), drawn with the
// draw list in the theme's colours: no image files to download, crisp at any pixel ratio.
#pragma once

#include <string>

#include "imgui.h"

namespace pasar {

// The icon of a stall kind or a category id, centred at c within a square of side 2r. Unknown kinds get
// a basket.
void DrawGoodsIcon(ImDrawList* dl, ImVec2 c, float r, const std::string& kind, ImU32 color);

}  // namespace pasar
