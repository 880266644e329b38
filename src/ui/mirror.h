// The semantics mirror: what the canvas shows, told to the DOM.
//
// A canvas is opaque to screen readers, to the phone's soft keyboard and to browser tests. While drawing,
// every interactive widget records one MirrorItem (stable id, role, accessible name, rectangle, state).
// After the frame the platform layer hands the list, encoded by EncodeMirror(), to the page, which keeps a
// matching set of invisible DOM elements over the canvas and touches the DOM only when the encoding
// changes. The same list serves TalkBack (it reads and activates the elements), the soft keyboard (a text
// field's element is a real <input>, focused inside the tap's own event handler) and tests (they find a
// widget by role and name and tap the canvas at its box, so input travels the same path as a finger).
#pragma once

#include <string>
#include <vector>

namespace pasar {

enum class MirrorRole { Button, Link, TextBox, Heading, Tab, Status };

enum class InputKind { Text, Search, Tel, Numeric, Name };

struct MirrorItem {
  std::string id;        // stable across frames, e.g. "market/pasar-tugu"; unique in a frame
  MirrorRole role = MirrorRole::Button;
  std::string name;      // accessible name in the current language
  float x = 0, y = 0, w = 0, h = 0;  // in CSS pixels, relative to the canvas
  bool disabled = false;
  bool selected = false;
  bool offscreen = false;  // scrolled out of view: the rectangle is where it would be
  std::string value;     // text boxes: current text
  InputKind input = InputKind::Text;  // text boxes: which soft keyboard to show
};

struct MirrorList {
  std::vector<MirrorItem> items;
  float css_per_px = 1.0f;  // 1 / device pixel ratio: ImGui draws in framebuffer pixels
};

// Compact JSON: {"v":1,"items":[{"id":..,"role":..,"name":..,"x":..,...}]}. Rectangles are rounded to whole
// CSS pixels so that sub-pixel jitter does not count as a change.
std::string EncodeMirror(const MirrorList& list);
const char* MirrorRoleName(MirrorRole role);

}  // namespace pasar
