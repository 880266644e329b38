// The fixed bottom bars, top to bottom: the "new version" banner, a storage problem, a notice ("Cabai rawit
// 1/4 kg masuk keranjang."), the cart summary, and the tab bar of the top-level pages.
#include <algorithm>
#include <cstdio>

#include "core/money.h"
#include "ui/strings.h"
#include "ui/widgets.h"
#include "ui/words.h"

namespace pasar {
namespace {

constexpr float CART_BAR_CSS = 64.0f;
constexpr float NOTICE_CSS = 56.0f;          // the least height; more when the words wrap
constexpr float NOTICE_PAD_CSS = 10.0f;
constexpr float NOTICE_CLOSE_CSS = 72.0f;
constexpr float UPDATE_BAR_CSS = 52.0f;
constexpr float NAV_BAR_CSS = 60.0f;
constexpr float STORAGE_PAD_CSS = 10.0f;

bool ShowsCart(const Ui& ui, bool with_cart) { return with_cart && !ui.state.cart.lines.empty(); }

float ScreenWidthPx() { return ImGui::GetMainViewport()->Size.x; }

// The storage notice wraps to as many lines as its words need: its height is measured, not fixed.
float StorageNoticeHeightPx(const std::string& text) {
  if (text.empty()) return 0.0f;
  const UiFonts& fonts = GetUiFonts();
  ImVec2 ts = fonts.small->CalcTextSizeA(fonts.small->FontSize, FLT_MAX, ScreenWidthPx() - Px(32), text.c_str());
  return ts.y + 2 * Px(STORAGE_PAD_CSS);
}

std::string NoticeText(const AppState& s) {
  return NoticeWords(s.lang, s.notice);
}

// A notice is one line on most phones; a longer one ("Barang pesanan masuk keranjang dengan harga hari ini.")
// wraps, and its bar grows to hold every line instead of letting them run into the bar below.
float NoticeHeightPx(const AppState& s) {
  if (!s.notice.shown()) return 0.0f;
  const UiFonts& fonts = GetUiFonts();
  const float wrap = ScreenWidthPx() - Px(NOTICE_CLOSE_CSS) - Px(20);
  ImVec2 ts = fonts.body->CalcTextSizeA(fonts.body->FontSize, FLT_MAX, wrap, NoticeText(s).c_str());
  return std::max(Px(NOTICE_CSS), ts.y + 2 * Px(NOTICE_PAD_CSS));
}

void DrawUpdateBanner(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 a = ImGui::GetCursorScreenPos();
  bool pressed = ImGui::InvisibleButton("update/apply", ImVec2(ScreenWidthPx(), Px(UPDATE_BAR_CSS)));
  ImVec2 b = ImGui::GetItemRectMax();
  dl->AddRectFilled(a, b, ImGui::IsItemActive() ? IM_COL32(196, 98, 14, 255) : colors::ACCENT);
  const char* label = L(s.lang, "Versi baru tersedia - ketuk untuk memperbarui", "A new version is ready - tap to update");
  ImVec4 clip(a.x + Px(16), a.y, b.x - Px(16), b.y);
  dl->AddText(fonts.bold, fonts.bold->FontSize, ImVec2(a.x + Px(16), a.y + (b.y - a.y - fonts.bold->FontSize) * 0.5f),
              colors::ON_PRIMARY, label, nullptr, b.x - a.x - Px(32), &clip);
  MirrorLastItem(ui, "update/apply", MirrorRole::Button, label);
  if (pressed || ActivatedFromMirror(ui, "update/apply")) ui.intents.push_back(ApplyUpdate{});
  ImGui::SetCursorScreenPos(ImVec2(a.x, b.y));
}

void DrawStorageNotice(Ui& ui, const std::string& text) {
  const UiFonts& fonts = GetUiFonts();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 a = ImGui::GetCursorScreenPos();
  const float h = StorageNoticeHeightPx(text);
  ImGui::Dummy(ImVec2(ScreenWidthPx(), h));
  ImVec2 b(a.x + ScreenWidthPx(), a.y + h);
  dl->AddRectFilled(a, b, colors::ERROR_BG);
  dl->AddLine(a, ImVec2(b.x, a.y), colors::ERROR_TEXT, Px(1));
  dl->AddText(fonts.small, fonts.small->FontSize, ImVec2(a.x + Px(16), a.y + Px(STORAGE_PAD_CSS)), colors::ERROR_TEXT,
              text.c_str(), nullptr, ScreenWidthPx() - Px(32));
  MirrorLastItem(ui, "storage/problem", MirrorRole::Status, text);
  ImGui::SetCursorScreenPos(ImVec2(a.x, b.y));
}

struct NavTab {
  const char* id;
  Screen screen;
  const char* label_id;
  const char* label_en;
};

void DrawNavBar(Ui& ui) {
  static const NavTab TABS[] = {
      {"nav/markets", Screen::Markets, "Pasar", "Markets"},
      {"nav/orders", Screen::Orders, "Pesanan", "Orders"},
      {"nav/settings", Screen::Settings, "Pengaturan", "Settings"},
  };
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 origin = ImGui::GetCursorScreenPos();
  const float w = ScreenWidthPx() / 3.0f, h = Px(NAV_BAR_CSS);
  dl->AddRectFilled(origin, ImVec2(origin.x + ScreenWidthPx(), origin.y + h), colors::SURFACE);
  dl->AddLine(origin, ImVec2(origin.x + ScreenWidthPx(), origin.y), colors::BORDER, Px(1));
  const size_t pending = PendingChangeCount(s);
  for (int i = 0; i < 3; i++) {
    const NavTab& tab = TABS[i];
    const bool selected = s.route.screen == tab.screen;
    ImVec2 a(origin.x + w * static_cast<float>(i), origin.y);
    ImGui::SetCursorScreenPos(a);
    bool pressed = ImGui::InvisibleButton(tab.id, ImVec2(w, h));
    ImVec2 b = ImGui::GetItemRectMax();
    if (ImGui::IsItemActive()) dl->AddRectFilled(a, b, colors::SURFACE_PRESSED);
    if (selected) dl->AddRectFilled(ImVec2(a.x + Px(16), a.y), ImVec2(b.x - Px(16), a.y + Px(3)), colors::PRIMARY, Px(2));
    const char* label = L(s.lang, tab.label_id, tab.label_en);
    ImFont* font = selected ? fonts.bold : fonts.body;
    ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, label);
    ImVec2 tp(a.x + (w - ts.x) * 0.5f, a.y + (h - ts.y) * 0.5f);
    dl->AddText(font, font->FontSize, tp, selected ? colors::PRIMARY : colors::TEXT_MUTED, label);
    std::string name = label;
    if (tab.screen == Screen::Orders && pending > 0) {
      const std::string count = std::to_string(pending);
      ImVec2 cs = fonts.small->CalcTextSizeA(fonts.small->FontSize, FLT_MAX, 0.0f, count.c_str());
      const float bw = std::max(cs.x + Px(10), Px(20)), bh = Px(20);
      ImVec2 ba(std::min(tp.x + ts.x + Px(2), b.x - bw - Px(2)), tp.y - Px(10));
      dl->AddRectFilled(ba, ImVec2(ba.x + bw, ba.y + bh), colors::ACCENT, bh * 0.5f);
      dl->AddText(fonts.small, fonts.small->FontSize, ImVec2(ba.x + (bw - cs.x) * 0.5f, ba.y + (bh - cs.y) * 0.5f),
                  colors::ON_PRIMARY, count.c_str());
      name += ", " + PendingChangesText(s.lang, pending);
    }
    MirrorLastItem(ui, tab.id, MirrorRole::Tab, name, selected);
    if ((pressed || ActivatedFromMirror(ui, tab.id)) && !selected) {
      if (tab.screen == Screen::Orders) ui.intents.push_back(OpenOrders{});
      else if (tab.screen == Screen::Settings) ui.intents.push_back(OpenSettings{});
      else ui.intents.push_back(OpenHome{});
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + h));
}

}  // namespace

float BottomBarsHeightCss(const Ui& ui, bool with_cart, bool with_nav) {
  float h = 0.0f;
  if (ui.state.update_available) h += UPDATE_BAR_CSS;
  h += StorageNoticeHeightPx(StorageNoticeText(ui.state)) / GetUiScale();
  h += NoticeHeightPx(ui.state) / GetUiScale();
  if (ShowsCart(ui, with_cart)) h += CART_BAR_CSS;
  if (with_nav) h += NAV_BAR_CSS;
  return h;
}

void DrawBottomBars(Ui& ui, bool with_cart, bool with_nav) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float width = ImGui::GetContentRegionAvail().x;
  if (s.update_available) DrawUpdateBanner(ui);
  const std::string storage = StorageNoticeText(s);
  if (!storage.empty()) DrawStorageNotice(ui, storage);
  if (s.notice.shown()) {
    ImVec2 a = ImGui::GetCursorScreenPos();
    const float h = NoticeHeightPx(s);
    ImVec2 b(a.x + width, a.y + h);
    dl->AddRectFilled(a, b, s.notice.error ? colors::ERROR_BG : IM_COL32(38, 50, 43, 255));
    const std::string text = NoticeText(s);
    const float close_w = Px(NOTICE_CLOSE_CSS);
    const float wrap = b.x - close_w - a.x - Px(20);
    ImVec4 clip(a.x + Px(16), a.y, b.x - close_w, b.y);
    ImU32 color = s.notice.error ? colors::ERROR_TEXT : colors::ON_PRIMARY;
    ImVec2 text_size = fonts.body->CalcTextSizeA(fonts.body->FontSize, FLT_MAX, wrap, text.c_str());
    dl->AddText(fonts.body, fonts.body->FontSize, ImVec2(a.x + Px(16), a.y + (h - text_size.y) * 0.5f),
                color, text.c_str(), nullptr, wrap, &clip);
    ImGui::SetCursorScreenPos(ImVec2(b.x - close_w, a.y + (h - Px(48)) * 0.5f));
    bool close = ImGui::InvisibleButton("notice/close", ImVec2(close_w - Px(4), Px(48)));
    const char* label = L(s.lang, "Tutup", "Close");
    ImVec2 ts = fonts.bold->CalcTextSizeA(fonts.bold->FontSize, FLT_MAX, 0.0f, label);
    dl->AddText(fonts.bold, fonts.bold->FontSize, ImVec2(b.x - close_w + (close_w - ts.x) * 0.5f - Px(2), a.y + (h - ts.y) * 0.5f),
                s.notice.error ? colors::ERROR_TEXT : IM_COL32(160, 230, 180, 255), label);
    MirrorLastItem(ui, "notice/close", MirrorRole::Button, std::string(label) + ": " + text);
    if (close || ActivatedFromMirror(ui, "notice/close")) ui.intents.push_back(DismissNotice{});
    ImGui::SetCursorScreenPos(ImVec2(a.x, b.y));
  }
  if (ShowsCart(ui, with_cart)) {
    ImVec2 a = ImGui::GetCursorScreenPos();
    ImVec2 size(width, Px(CART_BAR_CSS));
    bool pressed = ImGui::InvisibleButton("cartbar/open", size);
    ImVec2 b = ImGui::GetItemRectMax();
    dl->AddRectFilled(a, b, ImGui::IsItemActive() ? colors::PRIMARY_DARK : colors::PRIMARY);
    char left[96];
    std::snprintf(left, sizeof(left), s.lang == Lang::En ? "Cart · %d items" : "Keranjang · %d barang",
                  static_cast<int>(s.cart.lines.size()));
    std::string right;
    if (const MarketFile* market = LoadedMarket(s, s.cart.market_id)) right = FormatRupiah(PriceCart(s.cart, *market).subtotal_rp);
    float y = a.y + (size.y - fonts.bold->FontSize) * 0.5f;
    dl->AddText(fonts.bold, fonts.bold->FontSize, ImVec2(a.x + Px(16), y), colors::ON_PRIMARY, left);
    if (!right.empty()) {
      std::string label = right + "  \xE2\x80\xBA";
      ImVec2 ts = fonts.bold->CalcTextSizeA(fonts.bold->FontSize, FLT_MAX, 0.0f, label.c_str());
      dl->AddText(fonts.bold, fonts.bold->FontSize, ImVec2(b.x - Px(16) - ts.x, y), colors::ON_PRIMARY, label.c_str());
    }
    std::string name = std::string(L(s.lang, "Buka keranjang", "Open cart")) + ", " + left + (right.empty() ? "" : ", " + right);
    MirrorLastItem(ui, "cartbar/open", MirrorRole::Button, name);
    if (pressed || ActivatedFromMirror(ui, "cartbar/open")) ui.intents.push_back(OpenCart{});
    ImGui::SetCursorScreenPos(ImVec2(a.x, b.y));  // no item spacing: the tab bar follows right under it
  }
  if (with_nav) DrawNavBar(ui);
}

}  // namespace pasar
