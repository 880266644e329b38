// The UI layer: Dear ImGui screens that read a const AppState and push intents. Never mutates state,
// never does I/O. DrawApp() is called between ImGui::NewFrame() and ImGui::Render().
#pragma once

#include <string>

#include "app/app.h"
#include "ui/mirror.h"

namespace pasar {

// What the platform tells the UI about this frame.
struct UiInput {
  float scale = 1.0f;          // device pixel ratio: ImGui units are framebuffer pixels
  std::string activate_id;     // a mirror element activated by a screen reader or keyboard this frame
  std::string focused_field;   // the text field whose <input> has focus (the soft keyboard is up)
};

// Drag-to-scroll with inertia for touch screens (ImGui scrolls only by wheel on its own).
struct DragScroll {
  bool pressed = false;       // a touch went down inside the area
  bool dragging = false;      // it moved past the slop: this gesture scrolls, it is no tap
  float press_y = 0.0f;
  float press_scroll_y = 0.0f;
  float last_y = 0.0f;
  float velocity = 0.0f;      // px per second, for inertia after release
};

// UI-only state that survives frames but is not app state (gestures in progress).
struct UiState {
  DragScroll scroll;
  Route scroll_route;         // the page the scroll state belongs to
  // Keeping a focused field above the soft keyboard: the field and the screen height it was last
  // scrolled into view for (the canvas shrinks when the keyboard opens: interactive-widget=resizes-content).
  std::string keyboard_field;
  float keyboard_view_h = 0.0f;
  std::string confirm_cancel_order;  // the order whose "Batalkan" asks "are you sure?" (a UI question)
  std::string revealed;              // the question last scrolled fully into view (RevealOnce)
};

struct UiOutput {
  MirrorList mirror;
  bool wants_frames = false;       // something animates: draw another frame
  bool drew_catalog_data = false;  // this frame shows real catalogue data (for the startup mark)
};

void DrawApp(const AppState& state, UiState& ui, const UiInput& input, Intents& intents, UiOutput& output);

}  // namespace pasar
