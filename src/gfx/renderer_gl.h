// The WebGL renderer for Dear ImGui draw lists.
//
// LIFECYCLE
//   GfxInit()            after a GL context is current: compiles the programs embedded from shaders/,
//                        creates buffers and uploads the font atlas of the current ImGui context.
//   GfxRenderDrawData()  once per drawn frame.
//   GfxInvalidate()      when the context is lost: forgets every GL name without calling GL (they are dead).
//   GfxInit() again      when the context is restored: everything is recreated from CPU-side data.
// The code uses only the GLES2 subset, so WebGL1 and WebGL2 share one path.
#pragma once

struct ImDrawData;

namespace pasar {

struct GfxStats {
  int draw_calls_last_frame = 0;   // glDrawElements calls of the last rendered frame
  long long draw_calls_total = 0;  // since start; exposed to page scripts for tests and benchmarks
};

bool GfxInit();
void GfxInvalidate();
bool GfxIsReady();
void GfxRebuildFontTexture();  // after the font atlas changes (device pixel ratio changed)
void GfxRenderDrawData(const ImDrawData* draw_data, int framebuffer_width, int framebuffer_height);
const GfxStats& GfxGetStats();

}  // namespace pasar
