// Entry point of the web app: owns the one AppState, wires html5 events to ImGui and to intents, and runs
// frames on demand (see platform_web.h). Nothing here decides what the app does; that is ApplyIntents().
// Every batch of intents starts with a Now intent (Date.now()); Entropy is sent at start and whenever
// the app asks for more; the store, the sync POST and the other page events are web/pasar_shell.js's,
// reached through browser_web.h.
#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>

#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>

#include "app/app.h"
#include "core/wib.h"
#include "gfx/renderer_gl.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/browser_web.h"
#include "platform/platform_web.h"
#include "ui/theme.h"
#include "ui/ui.h"

namespace pasar {
namespace {

constexpr int SETTLE_FRAMES_AFTER_EVENT = 3;
constexpr int ENTROPY_BYTES = 64;
constexpr const char* CANVAS = "#canvas";

struct WebPlatform {
  AppState state;
  UiState ui;
  Intents intents;
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
  double dpr = 1.0;
  double font_dpr = 0.0;  // the ratio the font atlas was built for
  int fb_width = 0, fb_height = 0;
  bool visible = true;
  bool frame_requested = false;
  int settle_frames = 0;
  double last_frame_ms = 0.0;
  long long frames = 0;
  std::string last_mirror;
  std::string activate_id;
  std::string focused_field;
  int next_request_id = 1;
  std::map<int, FetchRequest> pending_fetches;
  bool first_data_marked = false;
  int touch_id = -1;  // the one finger we follow; others are ignored (no pinch in this UI)
  long wake_timer = 0;       // the app's Effects::wake_after_ms timer (0 = none)
  double wake_at_ms = 0.0;   // when it fires (emscripten_get_now clock)
  bool hidden_apply = false;  // a zero-delay timeout will apply intents while the page is hidden
};

WebPlatform g;

void PushEntropy() { g.intents.push_back(Entropy{BrowserRandomHex(ENTROPY_BYTES)}); }

void OnWakeTimer(void*) {
  g.wake_timer = 0;
  g.intents.push_back(TimerFired{});
  PlatformRequestFrame();
}

void ExecuteEffects(Effects& effects) {
  // Replace first: it names the entry the page had before this batch (checkout becomes My orders, then the
  // new order's page is pushed on top, so back from a placed order goes to the list, not the empty form).
  if (!effects.replace_hash.empty()) BrowserHistoryReplace(effects.replace_hash);
  for (const std::string& hash : effects.push_hash) BrowserHistoryPush(hash);
  if (!effects.back_fallback_hash.empty()) BrowserHistoryBack(effects.back_fallback_hash);
  for (const FetchRequest& request : effects.fetches) {
    int id = g.next_request_id++;
    g.pending_fetches[id] = request;
    BrowserFetch(id, request.url);
  }
  for (const std::string& mark : effects.marks) BrowserMark(mark);
  if (!effects.title.empty()) BrowserSetTitle(effects.title);

  for (const auto& [name, content] : effects.write_files) BrowserStoreWrite(name, content);
  if (!effects.write_files.empty()) {
    BrowserStoreWritten(effects.save_generation, effects.flush_now);
  } else if (effects.flush_now) {
    BrowserStoreFlush();
  }
  if (effects.ask_persist || effects.want_estimate) BrowserStorageEstimate(effects.ask_persist);
  if (effects.want_entropy) PushEntropy();
  if (!effects.sync_body.empty()) BrowserSyncPost(effects.sync_body);
  if (effects.wake_after_ms >= 0) {
    // The earliest request wins: a later, longer one (a pull in 30 s) must not push back a retry due in 2 s.
    // Every Wake runs the app again, and it asks for the next timer it still needs.
    const double at = emscripten_get_now() + static_cast<double>(effects.wake_after_ms);
    if (!g.wake_timer || at < g.wake_at_ms) {
      if (g.wake_timer) emscripten_clear_timeout(g.wake_timer);
      g.wake_at_ms = at;
      g.wake_timer = emscripten_set_timeout(OnWakeTimer, static_cast<double>(effects.wake_after_ms), nullptr);
    }
  }
  if (!effects.open_url.empty()) BrowserOpenUrl(effects.open_url);
  if (!effects.share_title.empty() || !effects.share_text.empty() || !effects.share_url.empty()) {
    BrowserShare(effects.share_title, effects.share_text, effects.share_url);
  }
  if (effects.apply_update) BrowserApplyUpdate();
  if (effects.take_over) BrowserTakeOver();
  effects = Effects{};
}

// Applies queued intents; returns whether anything was applied (then the result must be drawn).
bool ApplyPending() {
  if (g.intents.empty()) return false;
  Effects effects;
  Intents batch;
  batch.swap(g.intents);
  ApplyBatchAt(g.state, static_cast<int64_t>(emscripten_date_now()), batch, effects);
  ExecuteEffects(effects);
  return true;
}

void UpdateCanvasSize() {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size(CANVAS, &css_w, &css_h);
  double dpr = emscripten_get_device_pixel_ratio();
  if (dpr < 1.0) dpr = 1.0;
  if (dpr > 4.0) dpr = 4.0;
  g.dpr = dpr;
  int w = static_cast<int>(std::lround(css_w * dpr));
  int h = static_cast<int>(std::lround(css_h * dpr));
  if (w != g.fb_width || h != g.fb_height) {
    g.fb_width = w;
    g.fb_height = h;
    emscripten_set_canvas_element_size(CANVAS, w, h);
  }
  if (g.font_dpr != dpr) {
    g.font_dpr = dpr;
    BuildUiFonts(static_cast<float>(dpr));
    ApplyTheme(static_cast<float>(dpr));
    if (GfxIsReady()) GfxRebuildFontTexture();
  }
}

// Market hours are in WIB (UTC+7) whatever the phone's own time zone: the clock intent carries WIB minutes
// since midnight and the weekday. Sent when the minute changes, checked at each drawn frame.
void TickClock() {
  const WibTime wib = WibFromEpochMs(static_cast<int64_t>(emscripten_date_now()));
  static int last_minute = -1, last_weekday = -1;
  if (wib.minute_of_day == last_minute && wib.weekday == last_weekday) return;
  last_minute = wib.minute_of_day;
  last_weekday = wib.weekday;
  g.intents.push_back(Tick{wib.minute_of_day, wib.weekday});
}

void RunFrame(double now_ms) {
  g.frame_requested = false;
  TickClock();
  bool applied = ApplyPending();
  UpdateCanvasSize();

  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(g.fb_width), static_cast<float>(g.fb_height));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  double dt = g.last_frame_ms > 0 ? (now_ms - g.last_frame_ms) / 1000.0 : 1.0 / 60.0;
  if (dt <= 0.0) dt = 1.0 / 240.0;
  if (dt > 0.25) dt = 0.25;  // after an idle gap the next frame must not jump animations
  io.DeltaTime = static_cast<float>(dt);
  g.last_frame_ms = now_ms;

  ImGui::NewFrame();
  UiInput input;
  input.scale = static_cast<float>(g.dpr);
  input.activate_id = g.activate_id;
  input.focused_field = g.focused_field;
  g.activate_id.clear();
  UiOutput output;
  DrawApp(g.state, g.ui, input, g.intents, output);
  ImGui::Render();
  GfxRenderDrawData(ImGui::GetDrawData(), g.fb_width, g.fb_height);
  g.frames++;

  if (output.drew_catalog_data && !g.first_data_marked) {
    g.first_data_marked = true;
    BrowserMark("pasar-first-data-frame");
  }
  applied = ApplyPending() || applied;

  output.mirror.css_per_px = static_cast<float>(1.0 / g.dpr);
  std::string encoded = EncodeMirror(output.mirror);
  if (encoded != g.last_mirror) {
    g.last_mirror.swap(encoded);
    BrowserMirrorUpdate(g.last_mirror);
  }
  bool more = applied || output.wants_frames || g.settle_frames > 0 || GImGui->InputEventsQueue.Size > 0;
  if (g.settle_frames > 0) g.settle_frames--;
  const GfxStats& stats = GfxGetStats();
  BrowserPublishStats(g.frames, stats.draw_calls_total, stats.draw_calls_last_frame, more);
  if (more) PlatformRequestFrame();
}

EM_BOOL OnAnimationFrame(double now_ms, void*) {
  RunFrame(now_ms);
  return EM_FALSE;  // one frame per request: frames on demand
}

void Wake() {
  if (g.settle_frames < SETTLE_FRAMES_AFTER_EVENT) g.settle_frames = SETTLE_FRAMES_AFTER_EVENT;
  PlatformRequestFrame();
}

// ---- input ---------------------------------------------------------------------------------------------
EM_BOOL OnTouch(int type, const EmscriptenTouchEvent* e, void*) {
  ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < e->numTouches; i++) {
    const EmscriptenTouchPoint& t = e->touches[i];
    if (!t.isChanged) continue;
    float x = static_cast<float>(t.targetX * g.dpr), y = static_cast<float>(t.targetY * g.dpr);
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
      if (g.touch_id != -1) continue;
      g.touch_id = static_cast<int>(t.identifier);
      io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
      io.AddMousePosEvent(x, y);
      io.AddMouseButtonEvent(0, true);
    } else if (static_cast<int>(t.identifier) == g.touch_id) {
      io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
      io.AddMousePosEvent(x, y);
      if (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL) {
        io.AddMouseButtonEvent(0, false);
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);  // a lifted finger hovers nothing
        g.touch_id = -1;
      }
    }
  }
  Wake();
  return EM_TRUE;  // no emulated mouse events, no browser scrolling of the canvas: one tap, one click
}

EM_BOOL OnMouse(int type, const EmscriptenMouseEvent* e, void*) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
  io.AddMousePosEvent(static_cast<float>(e->targetX * g.dpr), static_cast<float>(e->targetY * g.dpr));
  if ((type == EMSCRIPTEN_EVENT_MOUSEDOWN || type == EMSCRIPTEN_EVENT_MOUSEUP) && e->button <= 2) {
    static const int MAP[3] = {0, 2, 1};
    io.AddMouseButtonEvent(MAP[e->button], type == EMSCRIPTEN_EVENT_MOUSEDOWN);
  }
  if (type == EMSCRIPTEN_EVENT_MOUSELEAVE) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
  Wake();
  return type == EMSCRIPTEN_EVENT_MOUSEDOWN ? EM_FALSE : EM_TRUE;  // let mousedown focus the canvas
}

EM_BOOL OnWheel(int, const EmscriptenWheelEvent* e, void*) {
  double scale = e->deltaMode == DOM_DELTA_PIXEL ? 1.0 / 100.0 : (e->deltaMode == DOM_DELTA_LINE ? 1.0 / 3.0 : 1.0);
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-e->deltaX * scale), static_cast<float>(-e->deltaY * scale));
  Wake();
  return EM_TRUE;
}

ImGuiKey MapKey(const char* key) {
  struct Entry { const char* name; ImGuiKey key; };
  static const Entry MAP[] = {
      {"Tab", ImGuiKey_Tab}, {"Enter", ImGuiKey_Enter}, {"Escape", ImGuiKey_Escape},
      {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow}, {"ArrowUp", ImGuiKey_UpArrow},
      {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp}, {"PageDown", ImGuiKey_PageDown},
      {"Home", ImGuiKey_Home}, {"End", ImGuiKey_End}, {" ", ImGuiKey_Space}, {"Backspace", ImGuiKey_Backspace},
      {"Shift", ImGuiKey_LeftShift}, {"Control", ImGuiKey_LeftCtrl}, {"Alt", ImGuiKey_LeftAlt},
  };
  for (const Entry& entry : MAP) {
    if (std::strcmp(entry.name, key) == 0) return entry.key;
  }
  return ImGuiKey_None;
}

EM_BOOL OnKey(int type, const EmscriptenKeyboardEvent* e, void*) {
  ImGuiKey key = MapKey(e->key);
  if (key == ImGuiKey_None) return EM_FALSE;
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiMod_Ctrl, e->ctrlKey);
  io.AddKeyEvent(ImGuiMod_Shift, e->shiftKey);
  io.AddKeyEvent(ImGuiMod_Alt, e->altKey);
  io.AddKeyEvent(key, type == EMSCRIPTEN_EVENT_KEYDOWN);
  Wake();
  return EM_TRUE;
}

EM_BOOL OnResize(int, const EmscriptenUiEvent*, void*) {
  Wake();
  return EM_FALSE;
}

EM_BOOL OnOrientation(int, const EmscriptenOrientationChangeEvent*, void*) {
  Wake();
  return EM_FALSE;
}

EM_BOOL OnVisibility(int, const EmscriptenVisibilityChangeEvent* e, void*) {
  g.visible = !e->hidden;
  g.intents.push_back(SetVisible{g.visible});  // shown again: pull at once
  if (g.visible) {
    Wake();
  } else {
    PlatformRequestFrame();  // the hidden page still applies the intent (hidden_apply), drawing nothing
  }
  return EM_FALSE;
}

EM_BOOL OnFocus(int type, const EmscriptenFocusEvent*, void*) {
  ImGui::GetIO().AddFocusEvent(type == EMSCRIPTEN_EVENT_FOCUS);
  Wake();
  return EM_FALSE;
}

EM_BOOL OnContextLost(int, const void*, void*) {
  GfxInvalidate();
  return EM_TRUE;  // preventDefault: tells the browser we want the context restored
}

EM_BOOL OnContextRestored(int, const void*, void*) {
  GfxInit();
  Wake();
  return EM_FALSE;
}

bool CreateContext() {
  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.alpha = EM_FALSE;
  attrs.depth = EM_FALSE;
  attrs.stencil = EM_FALSE;
  attrs.antialias = EM_FALSE;  // ImGui anti-aliases its own shapes
  attrs.premultipliedAlpha = EM_FALSE;
  attrs.preserveDrawingBuffer = EM_FALSE;
  attrs.powerPreference = EM_WEBGL_POWER_PREFERENCE_LOW_POWER;
  attrs.majorVersion = 2;
  g.gl = emscripten_webgl_create_context(CANVAS, &attrs);
  if (g.gl <= 0) {
    attrs.majorVersion = 1;  // WebGL1 fallback: the renderer only uses the GLES2 subset
    g.gl = emscripten_webgl_create_context(CANVAS, &attrs);
  }
  if (g.gl <= 0) return false;
  emscripten_webgl_make_context_current(g.gl);
  return true;
}

// A hidden page draws nothing, but what arrives meanwhile (a save finished, a sync reply) is applied.
void OnHiddenApply(void*) {
  g.hidden_apply = false;
  if (g.visible) {
    PlatformRequestFrame();
    return;
  }
  ApplyPending();
  if (!g.intents.empty()) PlatformRequestFrame();  // the effects queued more (entropy)
}

}  // namespace

void PlatformRequestFrame() {
  if (!g.visible) {
    if (!g.intents.empty() && !g.hidden_apply) {
      g.hidden_apply = true;
      emscripten_set_timeout(OnHiddenApply, 0, nullptr);
    }
    return;
  }
  if (g.frame_requested) return;
  g.frame_requested = true;
  emscripten_request_animation_frame(OnAnimationFrame, nullptr);
}

void PlatformOnRoute(const std::string& hash) {
  g.intents.push_back(RouteChanged{hash});
  Wake();
}

void PlatformOnText(const std::string& id, const std::string& value) {
  g.intents.push_back(SetText{id, value});
  Wake();
}

void PlatformOnFieldFocus(const std::string& id, bool focused) {
  if (focused) {
    g.focused_field = id;
  } else if (g.focused_field == id) {
    g.focused_field.clear();
  }
  Wake();
}

void PlatformOnActivate(const std::string& id) {
  g.activate_id = id;
  Wake();
}

void PlatformOnFetch(int request_id, int status, const char* data, int size) {
  auto it = g.pending_fetches.find(request_id);
  if (it == g.pending_fetches.end()) return;
  FetchRequest request = it->second;
  g.pending_fetches.erase(it);
  std::string body = data && size > 0 ? std::string(data, static_cast<size_t>(size)) : std::string();
  g.intents.push_back(MakeFetchResultIntent(request, status, std::move(body)));
  Wake();
}

void PlatformOnIntent(const std::string& kind, std::string id, std::string text, double number) {
  // The shell's (kind, id, text, number) become typed intents here; what each field carries is in
  // web/pasar_shell.js and web/pasar_store.js.
  const int64_t n = static_cast<int64_t>(number);
  if (kind == "StoreFile") {
    g.intents.push_back(StoreFile{std::move(id), std::move(text)});
  } else if (kind == "StoreLoaded") {
    g.intents.push_back(StoreLoaded{n != 0});
  } else if (kind == "StoreSaved") {  // number: generation, text: error code, id: the error's words
    g.intents.push_back(StoreSaved{n, std::move(text), std::move(id)});
  } else if (kind == "StorageEstimate") {  // number: usage, text: quota as decimal, id: "persisted"
    g.intents.push_back(StorageEstimate{n, std::strtoll(text.c_str(), nullptr, 10), id == "persisted"});
  } else if (kind == "SetOnline") {
    g.intents.push_back(SetOnline{n != 0});
  } else if (kind == "SyncReplied") {  // number: HTTP status, text: body, id: Retry-After in ms or ""
    char* end = nullptr;
    const long long retry_ms = id.empty() ? -1 : std::strtoll(id.c_str(), &end, 10);
    const bool retry_ok = !id.empty() && end && *end == '\0' && retry_ms >= 0;
    g.intents.push_back(SyncReplied{static_cast<int>(n), std::move(text), retry_ok ? retry_ms : -1});
  } else if (kind == "UpdateAvailable") {
    g.intents.push_back(UpdateAvailable{});
  } else if (kind == "OtherTab") {
    g.intents.push_back(OtherTab{n != 0});
  } else {
    return;  // only platform events are accepted
  }
  Wake();
}

}  // namespace pasar

int main() {
  using namespace pasar;
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing of ImGui's own is persisted; the app stores what matters
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.BackendPlatformName = "pasar_web";
  io.BackendRendererName = "pasar_webgl";

  if (!CreateContext()) {
    EM_ASM({ window['pasarShell']['fatal']('WebGL'); });
    return 0;
  }
  UpdateCanvasSize();
  GfxInit();

  emscripten_set_touchstart_callback(CANVAS, nullptr, EM_TRUE, OnTouch);
  emscripten_set_touchmove_callback(CANVAS, nullptr, EM_TRUE, OnTouch);
  emscripten_set_touchend_callback(CANVAS, nullptr, EM_TRUE, OnTouch);
  emscripten_set_touchcancel_callback(CANVAS, nullptr, EM_TRUE, OnTouch);
  emscripten_set_mousedown_callback(CANVAS, nullptr, EM_TRUE, OnMouse);
  emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, EM_TRUE, OnMouse);
  emscripten_set_mousemove_callback(CANVAS, nullptr, EM_TRUE, OnMouse);
  emscripten_set_mouseleave_callback(CANVAS, nullptr, EM_TRUE, OnMouse);
  emscripten_set_wheel_callback(CANVAS, nullptr, EM_TRUE, OnWheel);
  emscripten_set_keydown_callback(CANVAS, nullptr, EM_TRUE, OnKey);
  emscripten_set_keyup_callback(CANVAS, nullptr, EM_TRUE, OnKey);
  emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, OnResize);
  emscripten_set_orientationchange_callback(nullptr, EM_FALSE, OnOrientation);
  emscripten_set_visibilitychange_callback(nullptr, EM_FALSE, OnVisibility);
  emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, OnFocus);
  emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, OnFocus);
  emscripten_set_webglcontextlost_callback(CANVAS, nullptr, EM_FALSE, OnContextLost);
  emscripten_set_webglcontextrestored_callback(CANVAS, nullptr, EM_FALSE, OnContextRestored);

  EmscriptenVisibilityChangeEvent visibility;
  if (emscripten_get_visibility_status(&visibility) == EMSCRIPTEN_RESULT_SUCCESS) g.visible = !visibility.hidden;

  for (Intent& intent : StartupIntents(BrowserCurrentHash())) g.intents.push_back(std::move(intent));
  g.intents.push_back(SetVisible{g.visible});
  // A test setting: browser tests shorten the catalogue pull interval with an init script.
  const double pull_every_ms = EM_ASM_DOUBLE({ return Number(window['PASAR_PULL_EVERY_MS']) || 0; });
  if (pull_every_ms > 0) g.intents.push_back(SetPullEvery{static_cast<int64_t>(pull_every_ms)});
  PushEntropy();
  // The start-up batch runs now, not in the first frame: its fetch of the catalogue index then meets the
  // answer web/boot.js asked for at page start, and the first frame already draws the markets.
  TickClock();
  ApplyPending();
  BrowserBooted();
  BrowserStartPlatform();  // the store loads beside the catalogue: nothing above waits for it
  Wake();
  return 0;
}
