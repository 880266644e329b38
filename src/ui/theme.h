// The look of Pasar Daring: colours, sizes and fonts, in one place so every screen stays consistent.
//
// SIZES AND SCALE
//   ImGui draws in framebuffer pixels: a phone with devicePixelRatio 2 gets fonts rasterised at twice the
//   size, not a blurry upscale. Screens write sizes in CSS pixels through Px(), which multiplies by the
//   current scale. Touch targets are at least TOUCH_TARGET_CSS (44 CSS px).
#pragma once

#include "imgui.h"

namespace pasar {

constexpr float TOUCH_TARGET_CSS = 48.0f;
constexpr float BODY_FONT_CSS = 16.0f;
constexpr float SMALL_FONT_CSS = 13.5f;
constexpr float TITLE_FONT_CSS = 19.0f;
constexpr float HEADING_FONT_CSS = 24.0f;

struct UiFonts {
  ImFont* body = nullptr;
  ImFont* small = nullptr;
  ImFont* bold = nullptr;
  ImFont* title = nullptr;
  ImFont* heading = nullptr;  // ASCII only: order codes and fixed sentences
};

namespace colors {
constexpr ImU32 BACKGROUND = IM_COL32(246, 244, 238, 255);   // warm paper
constexpr ImU32 SURFACE = IM_COL32(255, 255, 255, 255);      // cards
constexpr ImU32 SURFACE_PRESSED = IM_COL32(232, 242, 235, 255);
constexpr ImU32 PRIMARY = IM_COL32(22, 112, 66, 255);        // market-leaf green
constexpr ImU32 PRIMARY_DARK = IM_COL32(14, 84, 48, 255);
constexpr ImU32 ON_PRIMARY = IM_COL32(255, 255, 255, 255);
constexpr ImU32 ACCENT = IM_COL32(232, 121, 27, 255);        // chilli orange
constexpr ImU32 TEXT = IM_COL32(31, 36, 33, 255);
constexpr ImU32 TEXT_MUTED = IM_COL32(92, 99, 94, 255);
constexpr ImU32 BORDER = IM_COL32(221, 217, 206, 255);
constexpr ImU32 FOCUS = IM_COL32(22, 112, 66, 255);
constexpr ImU32 ERROR_BG = IM_COL32(253, 236, 234, 255);
constexpr ImU32 ERROR_TEXT = IM_COL32(160, 30, 20, 255);
constexpr ImU32 CHIP_FISH = IM_COL32(224, 238, 250, 255);
constexpr ImU32 CHIP_MARKET = IM_COL32(231, 243, 234, 255);
}  // namespace colors

// Builds the font atlas for a device pixel ratio (clears the previous one). Fonts are Noto Sans subsets
// embedded at build time.
void BuildUiFonts(float scale);
const UiFonts& GetUiFonts();
// Sets ImGui's style for the scale (rounding, padding, colours).
void ApplyTheme(float scale);
float GetUiScale();
inline float Px(float css) { return css * GetUiScale(); }

}  // namespace pasar
