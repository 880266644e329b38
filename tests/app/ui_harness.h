// Headless ImGui frames for UI tests: no GPU, no browser. A Harness owns an ImGui context with the app's
// fonts and theme, draws DrawApp() into an ImGui frame, and applies the resulting intents exactly as the
// platform layer does. Taps go through ImGui's input queue at a mirror item's centre, like a finger.
#pragma once

#include <cfloat>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "app/app.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/theme.h"
#include "ui/ui.h"

namespace pasar::test {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string PilotIndexText() { return ReadFile(std::string(PASAR_ASSETS_DIR) + "/catalog/index.json"); }

struct Harness {
  AppState state;
  UiState ui;
  UiInput input;
  UiOutput output;
  Intents intents;   // pushed by the last frame (already applied when apply_intents)
  Effects effects;   // accumulated effects of every apply since the last ClearEffects()
  ImGuiContext* context = nullptr;
  bool apply_intents = true;

  explicit Harness(float scale = 2.0f, float css_width = 360.0f, float css_height = 740.0f) {
    context = ImGui::CreateContext();
    ImGui::SetCurrentContext(context);  // CreateContext keeps an older context current
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(css_width * scale, css_height * scale);
    io.DeltaTime = 1.0f / 60.0f;
    BuildUiFonts(scale);
    ApplyTheme(scale);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    input.scale = scale;
  }
  ~Harness() { ImGui::DestroyContext(context); }
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  void Apply(const Intents& batch) { ApplyIntents(state, batch, effects); }
  void ClearEffects() { effects = Effects{}; }

  void LoadPilotIndex() {
    Apply({RetryLoad{}, IndexLoaded{PilotIndexText()}});
  }

  // One frame: draw, then apply what the UI asked for.
  void Frame() {
    ImGui::SetCurrentContext(context);
    ImGui::NewFrame();
    output = UiOutput{};
    intents.clear();
    DrawApp(state, ui, input, intents, output);
    ImGui::Render();
    input.activate_id.clear();
    if (apply_intents) Apply(intents);
  }

  void Frames(int n) {
    for (int i = 0; i < n; i++) Frame();
  }

  // Pointers into the last frame's list: the next Frame() replaces it, so copy what must outlive a frame.
  const MirrorItem* Find(MirrorRole role, const std::string& name) const {
    for (const MirrorItem& item : output.mirror.items) {
      if (item.role == role && item.name == name) return &item;
    }
    return nullptr;
  }
  const MirrorItem* FindId(const std::string& id) const {
    for (const MirrorItem& item : output.mirror.items) {
      if (item.id == id) return &item;
    }
    return nullptr;
  }

  // A finger tap at (x, y) in ImGui pixels: down and up are trickled over frames by ImGui's queue.
  Intents TapAt(float x, float y) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(x, y);
    io.AddMouseButtonEvent(0, true);
    io.AddMouseButtonEvent(0, false);
    io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    Intents all;
    for (int i = 0; i < 4; i++) {
      Frame();
      all.insert(all.end(), intents.begin(), intents.end());
    }
    return all;
  }
  Intents Tap(const MirrorItem& item) { return TapAt(item.x + item.w * 0.5f, item.y + item.h * 0.5f); }

  // A vertical finger drag from y0 to y1 at x, in `steps` moves.
  Intents Drag(float x, float y0, float y1, int steps = 8) {
    ImGuiIO& io = ImGui::GetIO();
    Intents all;
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(x, y0);
    io.AddMouseButtonEvent(0, true);
    Frame();
    for (int i = 1; i <= steps; i++) {
      io.AddMousePosEvent(x, y0 + (y1 - y0) * static_cast<float>(i) / static_cast<float>(steps));
      Frame();
      all.insert(all.end(), intents.begin(), intents.end());
    }
    io.AddMouseButtonEvent(0, false);
    io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    for (int i = 0; i < 3; i++) {
      Frame();
      all.insert(all.end(), intents.begin(), intents.end());
    }
    return all;
  }
};

// How many intents of type T the screens pushed.
template <class T>
size_t CountIntents(const Intents& intents) {
  size_t n = 0;
  for (const Intent& intent : intents) n += IntentAs<T>(intent) != nullptr;
  return n;
}

template <class T>
bool HasIntent(const Intents& intents) {
  return CountIntents<T>(intents) > 0;
}

// An intent of type T whose field equals value: HasIntent(tapped, &OpenOrder::order_id, std::string("7K2M")).
template <class T, class F>
bool HasIntent(const Intents& intents, F T::*field, const F& value) {
  for (const Intent& intent : intents) {
    if (const T* typed = IntentAs<T>(intent); typed && typed->*field == value) return true;
  }
  return false;
}

}  // namespace pasar::test
