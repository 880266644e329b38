// The stack's floor for the benchmarks: an empty Dear ImGui app built with the app's own web flags.
//
// It has what every ImGui-on-WebGL app must carry (the ImGui core, our WebGL renderer from src/gfx,
// Emscripten's runtime and html5 glue) and nothing of Pasar Daring (no core, no screens, no fonts of
// ours, no catalogue). bench/run.mjs compares the app against it: bytes of the first load, cold start to
// the first frame under the same cheap-phone profile, and frames drawn while idle. Like most ImGui
// apps it draws every animation frame (emscripten_set_main_loop), which is the idle baseline.
//
// The page (bench/empty_index.html) reads window.benchEmpty.frames; the first frame sets the
// performance mark "bench-empty-first-frame", the counterpart of the app's "pasar-first-data-frame".
#include <emscripten.h>
#include <emscripten/html5.h>

#include "gfx/renderer_gl.h"
#include "imgui.h"

namespace {

constexpr const char* CANVAS = "#canvas";
long long g_frames = 0;

void DrawFrame() {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size(CANVAS, &css_w, &css_h);
  double dpr = emscripten_get_device_pixel_ratio();
  int w = static_cast<int>(css_w * dpr), h = static_cast<int>(css_h * dpr);
  int cur_w = 0, cur_h = 0;
  emscripten_get_canvas_element_size(CANVAS, &cur_w, &cur_h);
  if (w != cur_w || h != cur_h) emscripten_set_canvas_element_size(CANVAS, w, h);

  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
  io.DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("empty", nullptr, ImGuiWindowFlags_NoDecoration);
  ImGui::TextUnformatted("Empty ImGui app (benchmark baseline)");
  ImGui::Button("A button");
  ImGui::End();
  ImGui::Render();
  pasar::GfxRenderDrawData(ImGui::GetDrawData(), w, h);
  g_frames++;
  EM_ASM({
    var s = window.benchEmpty || (window.benchEmpty = { frames: 0 });
    s.frames = $0;
    if ($0 === 1) performance.mark('bench-empty-first-frame');
  }, static_cast<int>(g_frames));
}

}  // namespace

int main() {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.Fonts->AddFontDefault();

  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.alpha = EM_FALSE;
  attrs.depth = EM_FALSE;
  attrs.stencil = EM_FALSE;
  attrs.antialias = EM_FALSE;
  attrs.majorVersion = 2;
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = emscripten_webgl_create_context(CANVAS, &attrs);
  if (gl <= 0) {
    attrs.majorVersion = 1;
    gl = emscripten_webgl_create_context(CANVAS, &attrs);
  }
  if (gl <= 0) return 1;
  emscripten_webgl_make_context_current(gl);
  pasar::GfxInit();
  emscripten_set_main_loop(DrawFrame, 0, EM_FALSE);
  return 0;
}
