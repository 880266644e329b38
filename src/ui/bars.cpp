// The fixed bottom bars: a notice ("Cabai rawit 1/4 kg masuk keranjang.") and the cart summary.
#include <cstdio>

#include "core/money.h"
#include "ui/strings.h"
#include "ui/widgets.h"

namespace pasar {
namespace {

constexpr float CART_BAR_CSS = 64.0f;
constexpr float NOTICE_CSS = 56.0f;

bool ShowsCart(const Ui& ui, bool with_cart) { return with_cart && !ui.state.cart.lines.empty(); }

}  // namespace

float BottomBarsHeightCss(const Ui& ui, bool with_cart) {
  float h = 0.0f;
  if (!ui.state.notice.text_id.empty()) h += NOTICE_CSS;
  if (ShowsCart(ui, with_cart)) h += CART_BAR_CSS;
  return h;
}

void DrawBottomBars(Ui& ui, bool with_cart) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float width = ImGui::GetContentRegionAvail().x;
  if (!s.notice.text_id.empty()) {
    ImVec2 a = ImGui::GetCursorScreenPos();
    ImVec2 b(a.x + width, a.y + Px(NOTICE_CSS));
    dl->AddRectFilled(a, b, s.notice.error ? colors::ERROR_BG : IM_COL32(38, 50, 43, 255));
    const std::string& text = s.lang == Lang::En ? s.notice.text_en : s.notice.text_id;
    const float close_w = Px(72);
    ImVec4 clip(a.x + Px(16), a.y, b.x - close_w, b.y);
    ImU32 color = s.notice.error ? colors::ERROR_TEXT : colors::ON_PRIMARY;
    dl->AddText(fonts.body, fonts.body->FontSize, ImVec2(a.x + Px(16), a.y + (Px(NOTICE_CSS) - fonts.body->FontSize) * 0.5f),
                color, text.c_str(), nullptr, b.x - close_w - a.x - Px(20), &clip);
    ImGui::SetCursorScreenPos(ImVec2(b.x - close_w, a.y + Px(4)));
    bool close = ImGui::InvisibleButton("notice/close", ImVec2(close_w - Px(4), Px(48)));
    const char* label = L(s.lang, "Tutup", "Close");
    ImVec2 ts = fonts.bold->CalcTextSizeA(fonts.bold->FontSize, FLT_MAX, 0.0f, label);
    dl->AddText(fonts.bold, fonts.bold->FontSize, ImVec2(b.x - close_w + (close_w - ts.x) * 0.5f - Px(2), a.y + (Px(NOTICE_CSS) - ts.y) * 0.5f),
                s.notice.error ? colors::ERROR_TEXT : IM_COL32(160, 230, 180, 255), label);
    MirrorLastItem(ui, "notice/close", MirrorRole::Button, std::string(label) + ": " + text);
    if (close || ActivatedFromMirror(ui, "notice/close")) ui.intents.push_back(Intent{IntentKind::DismissNotice, "", "", 0});
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
    if (pressed || ActivatedFromMirror(ui, "cartbar/open")) ui.intents.push_back(Intent{IntentKind::OpenCart, "", "", 0});
  }
}

}  // namespace pasar
