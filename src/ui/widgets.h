// Widgets of Pasar Daring: ImGui items drawn in the app's style, each recorded in the semantics mirror.
// Every function takes the per-frame Ui context; none changes app state (they return "pressed" and the
// screen pushes an intent).
#pragma once

#include <string>
#include <vector>

#include "ui/theme.h"
#include "ui/ui.h"

namespace pasar {

struct Ui {
  const AppState& state;
  UiState& ui;
  const UiInput& input;
  Intents& intents;
  UiOutput& output;
};

// Registers the last ImGui item in the mirror.
void MirrorLastItem(Ui& ui, const std::string& id, MirrorRole role, const std::string& name, bool selected = false,
                    bool disabled = false);

// True when the item `id` was activated from the mirror (screen reader, keyboard) this frame.
bool ActivatedFromMirror(const Ui& ui, const std::string& id);

// A full-width tappable card of the given height; returns pressed. Draw its content afterwards inside
// the returned rectangle (GetItemRectMin/Max). Drawn pressed while held.
bool CardButton(Ui& ui, const std::string& id, const std::string& accessible_name, float height_css);
// Scrolls the current scroll area so [top, bottom] (screen px) is in view, once per key (ui.revealed).
void RevealOnce(Ui& ui, const std::string& key, float top, float bottom);

// A filled (primary) or outlined button with a centred label; width 0 = full width.
bool Button(Ui& ui, const std::string& id, const std::string& label, bool primary, float width_css = 0.0f);
// A button that cannot be used now (greyed; disabled in the mirror, so screen readers say so); the reason
// is said next to it by the caller.
void DisabledButton(Ui& ui, const std::string& id, const std::string& label, float width_css = 0.0f);

// A text field whose editing happens in the mirror's real <input> (soft keyboard, IME, paste). The
// canvas draws the value, the placeholder, and a focus ring and caret while the <input> has focus.
void TextField(Ui& ui, const std::string& field_id, const std::string& label, const std::string& placeholder,
               const std::string& value, InputKind kind);

// Top bar: optional back button, a title, and optional subtitle. Returns true when back was pressed.
// right_reserve_css keeps the title clear of an action drawn at the right (TopBarAction).
bool TopBar(Ui& ui, const std::string& title, const std::string& subtitle, bool with_back, float right_reserve_css = 0.0f);
// A labelled button at the right end of the top bar just drawn ("Bagikan"); the cursor is left unchanged.
bool TopBarAction(Ui& ui, const std::string& id, const std::string& label, float width_css);

// For a focused text field drawn at [top, bottom] (screen pixels): scrolls its area so the soft keyboard does
// not hide it, once per focus and screen height. TextField() calls it.
void KeepAboveKeyboard(Ui& ui, const std::string& field_id, float top, float bottom);

// Text helpers drawing at the cursor with wrapping to the available width.
void TextWrapped(ImFont* font, ImU32 color, const std::string& text);
void Heading(Ui& ui, const std::string& id, const std::string& text);
// `head` followed by as many whole `items` (", "-separated) as fit in width_px with `font`, and ", …" when
// some had to be left out: a one-line sample never ends mid-word. The first item always comes (clipped by
// the caller if even it is too long).
std::string FitList(ImFont* font, float width_px, const std::string& head, const std::vector<std::string>& items);
// One line with a label at the left (clipped) and an amount at the right: "Subtotal      Rp45.000".
void AmountRow(const std::string& label, const std::string& amount, ImFont* font, ImU32 color);

// A small rounded choice (step, category, delivery area). Lays itself out in a wrapping row: call
// BeginChipRow() before the first one. Returns pressed.
void BeginChipRow();
// icon: a goods kind (ui/icons.h) drawn before the label, or "" for none.
bool Chip(Ui& ui, const std::string& id, const std::string& label, bool selected, const std::string& icon = "");

// A scrolling content area that follows a finger: drag scrolls with inertia, and a drag never taps.
// bottom_css leaves room below it for a fixed bar (the cart bar, a notice). The lists a buyer comes back to
// (markets, a market, a stall, My orders) keep their scroll per page; every other page opens at its top.
void BeginScrollArea(Ui& ui, const char* id, float bottom_css = 0.0f);
void EndScrollArea(Ui& ui);

// The fixed bottom area: a notice (if any) and the cart summary bar (if the cart has lines and
// with_cart). Returns the height in CSS px it needs, so the scroll area can leave room for it.
// Above them, on every screen that draws them: the "new version" banner and a storage problem. with_nav
// adds the tab bar of the top-level pages (Pasar, Pesanan, Pengaturan) at the very bottom.
float BottomBarsHeightCss(const Ui& ui, bool with_cart, bool with_nav = false);
void DrawBottomBars(Ui& ui, bool with_cart, bool with_nav = false);

// A section label inside a screen (not a heading in the mirror).
void SectionLabel(const std::string& text);
// A bordered white panel spanning the width; EndPanel() closes it. Content is padded inside.
void BeginPanel(const char* id);
void EndPanel();

}  // namespace pasar
