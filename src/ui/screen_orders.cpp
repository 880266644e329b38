// My orders: every order on this phone, newest first, each with its honest state; above them, the
// changes still waiting to be sent and how sending goes.
#include "core/money.h"
#include "ui/screens.h"
#include "ui/strings.h"
#include "ui/words.h"

namespace pasar {
namespace {

constexpr float ORDER_CARD_CSS = 104.0f;

std::string MarketName(const AppState& s, const std::string& market_id) {
  const MarketInfo* market = FindStateMarket(s, market_id);
  return market ? market->name : market_id;
}

void DrawOrderCard(Ui& ui, const StoredOrder& stored) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  const Order& order = stored.order;
  const std::string code = FormatOrderIdForDisplay(order.id);
  const std::string market = MarketName(s, order.market_id);
  const std::string date = FormatDateTimeWib(s.lang, order.created_at_ms);
  const std::string total = FormatRupiah(order.total_rp);
  const OrderStateWords state = DescribeOrderState(s, stored);
  const std::string id = "order/" + order.id;
  const std::string name = code + ", " + market + ", " + total + ", " + state.text;
  if (CardButton(ui, id, name, ORDER_CARD_CSS)) ui.intents.push_back(OpenOrder{order.id});
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float pad = Px(14);
  float y = a.y + Px(12);
  ImVec2 ds = fonts.small->CalcTextSizeA(fonts.small->FontSize, FLT_MAX, 0.0f, date.c_str());
  ImVec4 clip(a.x + pad, a.y, b.x - pad - ds.x - Px(8), b.y);
  dl->AddText(fonts.bold, fonts.bold->FontSize, ImVec2(a.x + pad, y), colors::TEXT, code.c_str(), nullptr, 0.0f, &clip);
  dl->AddText(fonts.small, fonts.small->FontSize, ImVec2(b.x - pad - ds.x, y + Px(2)), colors::TEXT_MUTED, date.c_str());
  y += fonts.bold->FontSize + Px(4);
  ImVec2 ts = fonts.bold->CalcTextSizeA(fonts.bold->FontSize, FLT_MAX, 0.0f, total.c_str());
  clip = ImVec4(a.x + pad, a.y, b.x - pad - ts.x - Px(8), b.y);
  dl->AddText(fonts.body, fonts.body->FontSize, ImVec2(a.x + pad, y), colors::TEXT_MUTED, market.c_str(), nullptr, 0.0f, &clip);
  dl->AddText(fonts.bold, fonts.bold->FontSize, ImVec2(b.x - pad - ts.x, y), colors::PRIMARY_DARK, total.c_str());
  y += fonts.body->FontSize + Px(8);
  // The state: a coloured dot and up to two lines of words (a refusal's reason can be long).
  clip = ImVec4(a.x + pad, a.y, b.x - pad, b.y - Px(6));
  dl->AddCircleFilled(ImVec2(a.x + pad + Px(5), y + fonts.bold->FontSize * 0.5f), Px(5), state.color);
  dl->AddText(fonts.bold, fonts.bold->FontSize, ImVec2(a.x + pad + Px(16), y), state.color, state.text.c_str(), nullptr,
              b.x - a.x - 2 * pad - Px(16), &clip);
}

}  // namespace

// The outbox badge and the sync status, as one panel (My orders and Settings).
void DrawSyncPanel(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  const size_t pending = PendingChangeCount(s);
  bool problem = false;
  const std::string sync = SyncStatusText(s, &problem);
  BeginPanel("sync/panel");
  const std::string badge = PendingChangesText(s.lang, pending);
  TextWrapped(fonts.bold, pending > 0 ? colors::ACCENT : colors::PRIMARY, badge);
  MirrorLastItem(ui, "sync/pending", MirrorRole::Status, badge);
  TextWrapped(fonts.small, problem ? colors::ERROR_TEXT : colors::TEXT_MUTED, sync);
  MirrorLastItem(ui, "sync/status", MirrorRole::Status, sync);
  EndPanel();
}

void DrawOrdersScreen(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  if (TopBar(ui, L(s.lang, "Pesanan saya", "My orders"), "", true)) ui.intents.push_back(GoBack{});
  BeginScrollArea(ui, "orders/scroll", BottomBarsHeightCss(ui, true, true));
  ImGui::Dummy(ImVec2(0, Px(2)));
  if (!s.store.loaded && s.orders.empty()) {
    const char* text = L(s.lang, "Membaca pesanan dari HP...", "Reading orders from this phone...");
    TextWrapped(fonts.body, colors::TEXT_MUTED, text);
    MirrorLastItem(ui, "orders/loading", MirrorRole::Status, text);
  } else if (s.orders.empty()) {
    Heading(ui, "orders/empty", L(s.lang, "Belum ada pesanan", "No orders yet"));
    TextWrapped(fonts.body, colors::TEXT_MUTED,
                L(s.lang, "Pesanan yang kamu buat di HP ini muncul di sini, lengkap dengan statusnya.",
                  "Orders you make on this phone appear here, with their state."));
    if (Button(ui, "orders/to-markets", L(s.lang, "Lihat pasar", "See markets"), true)) {
      ui.intents.push_back(OpenHome{});
    }
  }
  if (s.store.loaded && (!s.orders.empty() || PendingChangeCount(s) > 0)) DrawSyncPanel(ui);
  if (s.store.unavailable) {
    TextWrapped(fonts.small, colors::ERROR_TEXT,
                L(s.lang, "Browser ini tidak mengizinkan penyimpanan: pesanan hanya ada selama halaman ini terbuka.",
                  "This browser allows no storage: orders last only while this page is open."));
    MirrorLastItem(ui, "orders/memory-only", MirrorRole::Status, L(s.lang, "Penyimpanan tidak tersedia", "No storage"));
  }
  for (const StoredOrder& stored : s.orders) DrawOrderCard(ui, stored);
  ImGui::Dummy(ImVec2(0, Px(12)));
  EndScrollArea(ui);
  DrawBottomBars(ui, true, true);
}

}  // namespace pasar
