#include "ui/widgets.h"

#include "ui/icons.h"

#include <algorithm>
#include <cmath>

#include "app/route.h"
#include "imgui_internal.h"
#include "ui/strings.h"

namespace pasar {
namespace {

constexpr float DRAG_SLOP_CSS = 8.0f;          // a finger moving less than this is still a tap
constexpr float INERTIA_STOP_CSS_PER_S = 30.0f;
constexpr float INERTIA_DECAY_PER_S = 0.04f;    // velocity left after one second of coasting

// Lists a buyer comes back to (from a market to the market list, from a product to its stall) stay where they
// were scrolled; every other page opens at its top.
bool KeepsScroll(Screen screen) {
  return screen == Screen::Markets || screen == Screen::Market || screen == Screen::Stall || screen == Screen::Orders;
}

}  // namespace

void MirrorLastItem(Ui& ui, const std::string& id, MirrorRole role, const std::string& name, bool selected,
                    bool disabled) {
  MirrorItem item;
  item.id = id;
  item.role = role;
  item.name = name;
  ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
  ImRect rect(min, max);
  if (!clip.Overlaps(rect)) {
    item.offscreen = true;
  } else {
    rect.ClipWith(clip);  // tests and screen readers get the part a finger can reach
  }
  item.x = rect.Min.x;
  item.y = rect.Min.y;
  item.w = rect.GetWidth();
  item.h = rect.GetHeight();
  item.selected = selected;
  item.disabled = disabled;
  ui.output.mirror.items.push_back(std::move(item));
}

bool ActivatedFromMirror(const Ui& ui, const std::string& id) { return !id.empty() && ui.input.activate_id == id; }

// The soft keyboard shrinks the canvas (interactive-widget=resizes-content). When a field gains focus, or the
// screen height changes while it has it, a field outside the visible part of its scroll area is scrolled to
// the upper third, leaving room for its error line below. Only then: a finger may scroll it away afterwards.
void KeepAboveKeyboard(Ui& ui, const std::string& field_id, float top, float bottom) {
  const float view_h = ImGui::GetIO().DisplaySize.y;
  if (ui.ui.keyboard_field == field_id && ui.ui.keyboard_view_h == view_h) return;
  ui.ui.keyboard_field = field_id;
  ui.ui.keyboard_view_h = view_h;
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImRect visible = window->InnerClipRect;
  if (top >= visible.Min.y && bottom + Px(28) <= visible.Max.y) return;
  ImGui::SetScrollFromPosY(top - window->Pos.y, 0.3f);
  ui.output.wants_frames = true;
}

// A question that appears in place of a button near the bottom of a page (e.g. "empty the cart of another
// market?") would leave its answers under the bottom bars: scroll its whole box into view, once per `key`.
void RevealOnce(Ui& ui, const std::string& key, float top, float bottom) {
  if (ui.ui.revealed == key) return;
  ui.ui.revealed = key;
  const ImRect visible = ImGui::GetCurrentWindow()->InnerClipRect;
  if (top >= visible.Min.y && bottom <= visible.Max.y) return;
  float delta = bottom + Px(12) - visible.Max.y;
  if (top - delta < visible.Min.y) delta = top - visible.Min.y;  // a box taller than the view: its top first
  ImGui::SetScrollY(ImGui::GetScrollY() + delta);
  ui.output.wants_frames = true;
}

bool CardButton(Ui& ui, const std::string& id, const std::string& accessible_name, float height_css) {
  ImVec2 size(ImGui::GetContentRegionAvail().x, Px(height_css));
  bool pressed = ImGui::InvisibleButton(id.c_str(), size);
  bool held = ImGui::IsItemActive();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(a.x, a.y + Px(1.5f)), ImVec2(b.x, b.y + Px(1.5f)), IM_COL32(0, 0, 0, 18), Px(14));
  dl->AddRectFilled(a, b, held ? colors::SURFACE_PRESSED : colors::SURFACE, Px(14));
  dl->AddRect(a, b, colors::BORDER, Px(14), 0, Px(1));
  if (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible) dl->AddRect(a, b, colors::FOCUS, Px(14), 0, Px(2));
  MirrorLastItem(ui, id, MirrorRole::Link, accessible_name);
  return pressed || ActivatedFromMirror(ui, id);
}

bool Button(Ui& ui, const std::string& id, const std::string& label, bool primary, float width_css) {
  const UiFonts& fonts = GetUiFonts();
  float width = width_css > 0 ? Px(width_css) : ImGui::GetContentRegionAvail().x;
  ImVec2 size(width, Px(TOUCH_TARGET_CSS));
  bool pressed = ImGui::InvisibleButton(id.c_str(), size);
  bool held = ImGui::IsItemActive();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImU32 fill = primary ? (held ? colors::PRIMARY_DARK : colors::PRIMARY) : (held ? colors::SURFACE_PRESSED : colors::SURFACE);
  dl->AddRectFilled(a, b, fill, Px(12));
  if (!primary) dl->AddRect(a, b, colors::PRIMARY, Px(12), 0, Px(1.5f));
  ImVec2 text_size = fonts.bold->CalcTextSizeA(fonts.bold->FontSize, FLT_MAX, 0.0f, label.c_str());
  ImVec2 pos(a.x + (b.x - a.x - text_size.x) * 0.5f, a.y + (b.y - a.y - text_size.y) * 0.5f);
  dl->AddText(fonts.bold, fonts.bold->FontSize, pos, primary ? colors::ON_PRIMARY : colors::PRIMARY, label.c_str());
  MirrorLastItem(ui, id, MirrorRole::Button, label);
  return pressed || ActivatedFromMirror(ui, id);
}

void DisabledButton(Ui& ui, const std::string& id, const std::string& label, float width_css) {
  const UiFonts& fonts = GetUiFonts();
  float width = width_css > 0 ? Px(width_css) : ImGui::GetContentRegionAvail().x;
  ImVec2 size(width, Px(TOUCH_TARGET_CSS));
  ImGui::InvisibleButton(id.c_str(), size, ImGuiButtonFlags_None);
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, colors::SURFACE_PRESSED, Px(12));
  ImVec2 text_size = fonts.bold->CalcTextSizeA(fonts.bold->FontSize, FLT_MAX, 0.0f, label.c_str());
  ImVec2 pos(a.x + (b.x - a.x - text_size.x) * 0.5f, a.y + (b.y - a.y - text_size.y) * 0.5f);
  dl->AddText(fonts.bold, fonts.bold->FontSize, pos, colors::TEXT_MUTED, label.c_str());
  MirrorLastItem(ui, id, MirrorRole::Button, label, false, true);
}

void TextField(Ui& ui, const std::string& field_id, const std::string& label, const std::string& placeholder,
               const std::string& value, InputKind kind) {
  const UiFonts& fonts = GetUiFonts();
  bool focused = ui.input.focused_field == field_id;
  ImVec2 size(ImGui::GetContentRegionAvail().x, Px(TOUCH_TARGET_CSS));
  // The press itself does nothing here: the page focuses the mirror's <input> inside the tap's own event
  // handler (that is what opens a phone's soft keyboard) and reports the focus back.
  ImGui::InvisibleButton(field_id.c_str(), size);
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  if (focused) KeepAboveKeyboard(ui, field_id, a.y, b.y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, colors::SURFACE, Px(12));
  dl->AddRect(a, b, focused ? colors::FOCUS : colors::BORDER, Px(12), 0, focused ? Px(2) : Px(1));
  float pad = Px(14);
  ImVec4 clip(a.x + pad, a.y, b.x - pad, b.y);
  float text_y = a.y + (b.y - a.y - fonts.body->FontSize) * 0.5f;
  if (value.empty()) {
    dl->AddText(fonts.body, fonts.body->FontSize, ImVec2(a.x + pad, text_y), colors::TEXT_MUTED, placeholder.c_str(),
                nullptr, 0.0f, &clip);
  }
  float text_w = value.empty() ? 0.0f : fonts.body->CalcTextSizeA(fonts.body->FontSize, FLT_MAX, 0.0f, value.c_str()).x;
  // Long text scrolls left so the end (where the buyer types) stays visible.
  float room = (b.x - a.x) - 2 * pad - Px(4);
  float shift = text_w > room ? text_w - room : 0.0f;
  if (!value.empty()) {
    dl->AddText(fonts.body, fonts.body->FontSize, ImVec2(a.x + pad - shift, text_y), colors::TEXT, value.c_str(), nullptr,
                0.0f, &clip);
  }
  if (focused) {
    float caret_x = a.x + pad - shift + text_w + Px(1);
    dl->AddLine(ImVec2(caret_x, text_y), ImVec2(caret_x, text_y + fonts.body->FontSize), colors::FOCUS, Px(2));
  }
  MirrorLastItem(ui, field_id, MirrorRole::TextBox, label);
  MirrorItem& item = ui.output.mirror.items.back();
  item.value = value;
  item.input = kind;
}

static ImVec2 g_top_bar_min, g_top_bar_max;

bool TopBar(Ui& ui, const std::string& title, const std::string& subtitle, bool with_back, float right_reserve_css) {
  const UiFonts& fonts = GetUiFonts();
  const float height = Px(subtitle.empty() ? 56.0f : 64.0f);
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float width = ImGui::GetContentRegionAvail().x;
  g_top_bar_min = origin;
  g_top_bar_max = ImVec2(origin.x + width, origin.y + height);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), colors::PRIMARY);
  bool back = false;
  float text_x = origin.x + Px(16);
  if (with_back) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x + Px(4), origin.y + (height - Px(TOUCH_TARGET_CSS)) * 0.5f));
    back = ImGui::InvisibleButton("topbar/back", ImVec2(Px(TOUCH_TARGET_CSS), Px(TOUCH_TARGET_CSS)));
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    if (ImGui::IsItemActive()) dl->AddCircleFilled(ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f), Px(20), colors::PRIMARY_DARK);
    // A drawn arrow: crisp at any scale and independent of the font's symbol coverage.
    ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
    const float half = Px(8), head = Px(6), thick = Px(2.5f);
    dl->AddLine(ImVec2(c.x - half, c.y), ImVec2(c.x + half, c.y), colors::ON_PRIMARY, thick);
    dl->AddLine(ImVec2(c.x - half, c.y), ImVec2(c.x - half + head, c.y - head), colors::ON_PRIMARY, thick);
    dl->AddLine(ImVec2(c.x - half, c.y), ImVec2(c.x - half + head, c.y + head), colors::ON_PRIMARY, thick);
    MirrorLastItem(ui, "topbar/back", MirrorRole::Button, Tr(ui.state.lang, Str::Back));
    back = back || ActivatedFromMirror(ui, "topbar/back");
    text_x = origin.x + Px(56);
  }
  float clip_right = origin.x + width - Px(12) - Px(right_reserve_css);
  ImVec4 clip(text_x, origin.y, clip_right, origin.y + height);
  if (subtitle.empty()) {
    dl->AddText(fonts.title, fonts.title->FontSize, ImVec2(text_x, origin.y + (height - fonts.title->FontSize) * 0.5f),
                colors::ON_PRIMARY, title.c_str(), nullptr, 0.0f, &clip);
  } else {
    float block = fonts.title->FontSize + Px(2) + fonts.small->FontSize;
    float y = origin.y + (height - block) * 0.5f;
    dl->AddText(fonts.title, fonts.title->FontSize, ImVec2(text_x, y), colors::ON_PRIMARY, title.c_str(), nullptr, 0.0f, &clip);
    dl->AddText(fonts.small, fonts.small->FontSize, ImVec2(text_x, y + fonts.title->FontSize + Px(2)),
                IM_COL32(255, 255, 255, 215), subtitle.c_str(), nullptr, 0.0f, &clip);
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height));
  ImGui::Dummy(ImVec2(width, 0));
  return back;
}

bool TopBarAction(Ui& ui, const std::string& id, const std::string& label, float width_css) {
  const UiFonts& fonts = GetUiFonts();
  ImVec2 back = ImGui::GetCursorScreenPos();
  const float h = Px(TOUCH_TARGET_CSS);
  ImVec2 a(g_top_bar_max.x - Px(4) - Px(width_css), g_top_bar_min.y + (g_top_bar_max.y - g_top_bar_min.y - h) * 0.5f);
  ImGui::SetCursorScreenPos(a);
  bool pressed = ImGui::InvisibleButton(id.c_str(), ImVec2(Px(width_css), h));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 b = ImGui::GetItemRectMax();
  if (ImGui::IsItemActive()) dl->AddRectFilled(a, b, colors::PRIMARY_DARK, Px(12));
  dl->AddRect(ImVec2(a.x + Px(4), a.y + Px(6)), ImVec2(b.x - Px(4), b.y - Px(6)), IM_COL32(255, 255, 255, 160), Px(10), 0, Px(1));
  ImVec2 ts = fonts.bold->CalcTextSizeA(fonts.bold->FontSize, FLT_MAX, 0.0f, label.c_str());
  dl->AddText(fonts.bold, fonts.bold->FontSize, ImVec2(a.x + (b.x - a.x - ts.x) * 0.5f, a.y + (h - ts.y) * 0.5f),
              colors::ON_PRIMARY, label.c_str());
  MirrorLastItem(ui, id, MirrorRole::Button, label);
  ImGui::SetCursorScreenPos(back);
  return pressed || ActivatedFromMirror(ui, id);
}

void TextWrapped(ImFont* font, ImU32 color, const std::string& text) {
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

std::string FitList(ImFont* font, float width_px, const std::string& head, const std::vector<std::string>& items) {
  static const char* const MORE = ", \xE2\x80\xA6";  // ", …"
  const auto width = [&](const std::string& text) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.c_str(), text.c_str() + text.size()).x;
  };
  std::string line = head;
  for (size_t i = 0; i < items.size(); ++i) {
    std::string next = line + (i == 0 ? "" : ", ") + items[i];
    const bool last = i + 1 == items.size();
    if (i > 0 && width(last ? next : next + MORE) > width_px) return line + MORE;
    line = std::move(next);
  }
  return line;
}

void AmountRow(const std::string& label, const std::string& amount, ImFont* font, ImU32 color) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 a = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  ImVec2 as = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, amount.c_str());
  ImVec4 clip(a.x, a.y, a.x + width - as.x - Px(8), a.y + font->FontSize + Px(4));
  dl->AddText(font, font->FontSize, a, color, label.c_str(), nullptr, 0.0f, &clip);
  dl->AddText(font, font->FontSize, ImVec2(a.x + width - as.x, a.y), color, amount.c_str());
  ImGui::Dummy(ImVec2(width, font->FontSize));
}

void Heading(Ui& ui, const std::string& id, const std::string& text) {
  TextWrapped(GetUiFonts().title, colors::TEXT, text);
  MirrorLastItem(ui, id, MirrorRole::Heading, text);
}

void BeginScrollArea(Ui& ui, const char* id, float bottom_css) {
  DragScroll& d = ui.ui.scroll;
  const bool entered = ui.ui.scroll_route != ui.state.route;
  if (entered) {
    d = DragScroll{};
    ui.ui.scroll_route = ui.state.route;
  }
  // A page must not open at another page's offset: ImGui would clamp it to this page's length only a frame
  // later, and the first frame would show a button where it no longer is when the finger comes down. So a
  // list gets one ImGui window per page (the route in its id), which keeps its own scroll and content size;
  // other pages share one window per kind (products are many) and open at the top, which needs no clamp.
  const bool keeps = KeepsScroll(ui.state.route.screen);
  ImGui::PushID(keeps ? RouteToHash(ui.state.route).c_str() : "");
  if (entered && !keeps) ImGui::SetNextWindowScroll(ImVec2(0.0f, 0.0f));
  // Side margins come from the child's window padding, so every full-width widget inside simply uses
  // GetContentRegionAvail().
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(Px(16), 0));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(Px(8), Px(10)));
  ImGui::BeginChild(id, ImVec2(0, -Px(bottom_css)), ImGuiChildFlags_AlwaysUseWindowPadding, ImGuiWindowFlags_NoScrollbar);
  ImGui::PopStyleVar();
  ImGuiIO& io = ImGui::GetIO();
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const float dt = std::max(io.DeltaTime, 1.0f / 240.0f);
  if (ImGui::IsMouseClicked(0) && window->Rect().Contains(io.MouseClickedPos[0])) {
    d.pressed = true;
    d.dragging = false;
    d.press_y = d.last_y = io.MousePos.y;
    d.press_scroll_y = ImGui::GetScrollY();
    d.velocity = 0.0f;
  }
  if (d.pressed && ImGui::IsMouseDown(0) && ImGui::IsMousePosValid()) {
    float dy = io.MousePos.y - d.press_y;
    if (!d.dragging && io.MouseSource == ImGuiMouseSource_TouchScreen && std::fabs(dy) > Px(DRAG_SLOP_CSS)) {
      d.dragging = true;
    }
    if (d.dragging) {
      ImGui::ClearActiveID();  // the card under the finger must not fire on release: this was a scroll
      ImGui::SetScrollY(std::clamp(d.press_scroll_y - dy, 0.0f, ImGui::GetScrollMaxY()));
      float instant = (io.MousePos.y - d.last_y) / dt;
      d.velocity = 0.7f * instant + 0.3f * d.velocity;
      ui.output.wants_frames = true;
    }
    d.last_y = io.MousePos.y;
  }
  if (d.pressed && !ImGui::IsMouseDown(0)) {
    d.pressed = false;
    if (!d.dragging) d.velocity = 0.0f;
    d.dragging = false;
  }
  if (!d.pressed && std::fabs(d.velocity) > Px(INERTIA_STOP_CSS_PER_S)) {
    float y = ImGui::GetScrollY() - d.velocity * dt;
    float max_y = ImGui::GetScrollMaxY();
    if (y <= 0.0f || y >= max_y) d.velocity = 0.0f;
    ImGui::SetScrollY(std::clamp(y, 0.0f, max_y));
    d.velocity *= std::pow(INERTIA_DECAY_PER_S, dt);
    ui.output.wants_frames = true;
  } else if (!d.pressed) {
    d.velocity = 0.0f;
  }
}

void EndScrollArea(Ui&) {
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopID();
  // EndChild leaves a line of item spacing under the child; the bottom bars start right at its lower edge,
  // else the last bar (the tab bar) would hang that far below the screen.
  ImGui::SetCursorScreenPos(ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y));
}

}  // namespace pasar

namespace pasar {

static float g_chip_row_left = 0.0f;
static float g_chip_row_right = 0.0f;
static bool g_chip_row_first = true;

void BeginChipRow() {
  g_chip_row_first = true;
  g_chip_row_left = ImGui::GetCursorScreenPos().x;
  g_chip_row_right = g_chip_row_left + ImGui::GetContentRegionAvail().x;
}

bool Chip(Ui& ui, const std::string& id, const std::string& label, bool selected, const std::string& icon) {
  const UiFonts& fonts = GetUiFonts();
  const float icon_w = icon.empty() ? 0.0f : Px(24);
  // A label wider than a whole row (a delivery option with its reason) wraps inside a taller chip instead of
  // running past the screen's edge.
  const float max_text_w = std::max(Px(40), g_chip_row_right - g_chip_row_left - Px(28) - icon_w);
  ImVec2 ts = fonts.body->CalcTextSizeA(fonts.body->FontSize, FLT_MAX, 0.0f, label.c_str());
  float wrap = 0.0f;
  if (ts.x > max_text_w) {
    wrap = max_text_w;
    ts = fonts.body->CalcTextSizeA(fonts.body->FontSize, FLT_MAX, wrap, label.c_str());
  }
  ImVec2 size(ts.x + Px(28) + icon_w, std::max(Px(44), ts.y + Px(20)));
  if (!g_chip_row_first) {
    ImGui::SameLine(0.0f, Px(8));
    if (ImGui::GetCursorScreenPos().x + size.x > g_chip_row_right) ImGui::NewLine();
  }
  g_chip_row_first = false;
  bool pressed = ImGui::InvisibleButton(id.c_str(), size);
  bool held = ImGui::IsItemActive();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImU32 fill = selected ? colors::PRIMARY : (held ? colors::SURFACE_PRESSED : colors::SURFACE);
  dl->AddRectFilled(a, b, fill, Px(22));
  if (!selected) dl->AddRect(a, b, colors::BORDER, Px(22), 0, Px(1));
  if (!icon.empty()) {
    DrawGoodsIcon(dl, ImVec2(a.x + Px(14) + Px(9), (a.y + b.y) * 0.5f), Px(9), icon,
                  selected ? colors::ON_PRIMARY : colors::PRIMARY);
  }
  dl->AddText(fonts.body, fonts.body->FontSize, ImVec2(a.x + Px(14) + icon_w, a.y + (size.y - ts.y) * 0.5f),
              selected ? colors::ON_PRIMARY : colors::TEXT, label.c_str(), nullptr, wrap);
  MirrorLastItem(ui, id, MirrorRole::Button, label, selected);
  return pressed || ActivatedFromMirror(ui, id);
}

void SectionLabel(const std::string& text) {
  ImGui::Dummy(ImVec2(0, Px(2)));
  TextWrapped(GetUiFonts().bold, colors::TEXT, text);
}

// A panel is a group drawn over a background added afterwards into a lower draw-list channel, with
// the window's content region narrowed for its padding (so wrapped text and full-width buttons inside
// respect the right edge). Panels do not nest.
struct PanelState {
  ImVec2 start;
  float saved_content_max_x = 0.0f;
  float saved_work_max_x = 0.0f;
};
static PanelState g_panel;

void BeginPanel(const char* id) {
  (void)id;
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  const float pad = Px(14);
  g_panel.start = ImGui::GetCursorScreenPos();
  g_panel.saved_content_max_x = window->ContentRegionRect.Max.x;
  g_panel.saved_work_max_x = window->WorkRect.Max.x;
  window->ContentRegionRect.Max.x -= pad;
  window->WorkRect.Max.x -= pad;
  ImGui::SetCursorScreenPos(ImVec2(g_panel.start.x + pad, g_panel.start.y + Px(12)));
  ImGui::BeginGroup();
}

void EndPanel() {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::EndGroup();
  const float bottom = ImGui::GetItemRectMax().y + Px(12);
  window->ContentRegionRect.Max.x = g_panel.saved_content_max_x;
  window->WorkRect.Max.x = g_panel.saved_work_max_x;
  ImVec2 a = g_panel.start;
  ImVec2 b(g_panel.saved_content_max_x, bottom);
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(a, b, colors::SURFACE, Px(14));
  dl->AddRect(a, b, colors::BORDER, Px(14), 0, Px(1));
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(b.x - a.x, b.y - a.y));
}

}  // namespace pasar
