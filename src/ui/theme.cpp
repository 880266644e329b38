#include "ui/theme.h"

#include "embedded_fonts.h"
#include "imgui_internal.h"  // ImFontAtlasGetBuilderForStbTruetype

namespace pasar {
namespace {

UiFonts g_fonts;
float g_scale = 1.0f;

// Every text the app draws: Latin-1 (names and addresses people type) and the typographic marks we use.
const ImWchar TEXT_RANGES[] = {0x0020, 0x00FF, 0x2013, 0x203A, 0x2212, 0x2212, 0};
// The large heading only ever shows an order code (PD-7K3M-9Q2X-W4PA) and fixed ASCII sentences. It is the
// largest size, so rasterising only ASCII for it saves a fifth of the start-up's glyph work.
const ImWchar ASCII_RANGES[] = {0x0020, 0x007E, 0};

ImFont* AddEmbeddedFont(const unsigned char* data, size_t size, float pixels, const ImWchar* ranges = TEXT_RANGES) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // static data: the atlas must not free it
  config.OversampleH = 1;               // fonts are rasterised at device pixels, no oversampling needed
  config.OversampleV = 1;
  config.PixelSnapH = true;
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size),
                                                     pixels, &config, ranges);
}

}  // namespace

void BuildUiFonts(float scale) {
  g_scale = scale;
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  // No power-of-two height: at DPR 2 the glyphs fill 512x609, which would otherwise be uploaded as 512x1024.
  // The texture has no mipmaps and clamps, so WebGL 1 and 2 take any height.
  atlas->Flags |= ImFontAtlasFlags_NoMouseCursors | ImFontAtlasFlags_NoPowerOfTwoHeight;
  g_fonts.body = AddEmbeddedFont(font_regular, font_regular_size, BODY_FONT_CSS * scale);
  g_fonts.small = AddEmbeddedFont(font_regular, font_regular_size, SMALL_FONT_CSS * scale);
  g_fonts.bold = AddEmbeddedFont(font_bold, font_bold_size, BODY_FONT_CSS * scale);
  g_fonts.title = AddEmbeddedFont(font_bold, font_bold_size, TITLE_FONT_CSS * scale);
  g_fonts.heading = AddEmbeddedFont(font_bold, font_bold_size, HEADING_FONT_CSS * scale, ASCII_RANGES);
  // The builder directly, not atlas->Build(): Build() falls back to AddFontDefault(), and that reference alone
  // links ImGui's ProggyClean font (a 12 KB string, ~9 KB gzip) into the wasm although we never use it.
  ImFontAtlasGetBuilderForStbTruetype()->FontBuilder_Build(atlas);
  ImGui::GetIO().FontDefault = g_fonts.body;
}

const UiFonts& GetUiFonts() { return g_fonts; }
float GetUiScale() { return g_scale; }

void ApplyTheme(float scale) {
  g_scale = scale;
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(0, 0);
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 0;
  style.FramePadding = ImVec2(12, 10);
  style.FrameRounding = 10;
  style.ItemSpacing = ImVec2(8, 8);
  style.ItemInnerSpacing = ImVec2(8, 6);
  style.ScrollbarSize = 4;
  style.ScrollbarRounding = 2;
  style.GrabRounding = 4;
  style.TouchExtraPadding = ImVec2(0, 0);
  style.AntiAliasedLinesUseTex = false;  // the atlas has no baked lines after Clear(); keep lines exact
  style.ScaleAllSizes(scale);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(colors::BACKGROUND);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(colors::TEXT);
  c[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(colors::TEXT_MUTED);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = ImVec4(0, 0, 0, 0.25f);
  c[ImGuiCol_NavHighlight] = ImGui::ColorConvertU32ToFloat4(colors::FOCUS);
  ImGui::GetStyle() = style;
}

}  // namespace pasar
