// One order: its code and honest state (big), what it means, the WhatsApp fallback when the server has
// been out of reach, cancel and reorder, its history with times, the lines (settled weights too), the
// totals (quoted and now), delivery, payment and the receiver.
#include <cstdio>

#include "core/money.h"
#include "core/units.h"
#include "ui/screens.h"
#include "ui/strings.h"
#include "ui/words.h"

namespace pasar {
namespace {

bool CanCancel(const AppState& s, const StoredOrder& stored) {
  if (stored.cancel_requested || stored.refused) return false;
  switch (stored.order.status) {
    case OrderStatus::Sent:
    case OrderStatus::Accepted:
    case OrderStatus::Adjusted:
    case OrderStatus::Ready: return ViewOfOrder(s, stored) == OrderView::Stall || ViewOfOrder(s, stored) == OrderView::Sent;
    default: return false;
  }
}

void DrawMissingOrder(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  if (!s.store.loaded) {
    const char* text = L(s.lang, "Membaca pesanan dari HP...", "Reading orders from this phone...");
    TextWrapped(fonts.body, colors::TEXT_MUTED, text);
    MirrorLastItem(ui, "order/loading", MirrorRole::Status, text);
    return;
  }
  Heading(ui, "order/missing", L(s.lang, "Pesanan tidak ditemukan", "Order not found"));
  TextWrapped(fonts.body, colors::TEXT_MUTED,
              L(s.lang, "Pesanan ini tidak ada di HP ini. Pesanan hanya tersimpan di HP tempat ia dibuat.",
                "This order is not on this phone. Orders are kept on the phone they were made on."));
  if (Button(ui, "order/to-orders", L(s.lang, "Ke pesanan saya", "To my orders"), true)) {
    ui.intents.push_back(OpenOrders{});
  }
}

void DrawActions(Ui& ui, const StoredOrder& stored) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  const Order& order = stored.order;
  if (OfferWhatsApp(s, stored)) {
    BeginPanel("order/whatsapp");
    TextWrapped(fonts.body, colors::TEXT,
                L(s.lang, "Server belum bisa dihubungi sejak beberapa saat. Kirim pesanan ini langsung ke pedagang lewat WhatsApp; "
                          "aplikasi tetap mengirimnya saat sinyal kembali, dan kode pesanan ikut supaya pedagang bisa mencocokkannya.",
                  "The server has been out of reach for a while. Send this order to the trader on WhatsApp; the app still sends it "
                  "when the signal returns, and the order code goes along so the trader can match them."));
    if (Button(ui, "order/whatsapp", L(s.lang, "Kirim lewat WhatsApp", "Send via WhatsApp"), true)) {
      ui.intents.push_back(SendViaWhatsApp{order.id});
    }
    EndPanel();
  }
  if (stored.cancel_requested && order.status != OrderStatus::Cancelled) {
    const char* text = L(s.lang, "Permintaan batal menunggu dikirim ke lapak.", "The cancel request waits to be sent to the stall.");
    TextWrapped(fonts.body, colors::ACCENT, text);
    MirrorLastItem(ui, "order/cancel-pending", MirrorRole::Status, text);
  }
  if (CanCancel(s, stored)) {
    if (ui.ui.confirm_cancel_order == order.id) {
      BeginPanel("order/confirm-cancel");
      const char* q = L(s.lang, "Batalkan pesanan ini? Lapak akan diberi tahu.", "Cancel this order? The stall will be told.");
      TextWrapped(fonts.bold, colors::ERROR_TEXT, q);
      MirrorLastItem(ui, "order/cancel-question", MirrorRole::Status, q);
      if (Button(ui, "order/cancel-yes", L(s.lang, "Ya, batalkan", "Yes, cancel"), true)) {
        ui.intents.push_back(CancelOrder{order.id});
        ui.ui.confirm_cancel_order.clear();
      }
      if (Button(ui, "order/cancel-no", L(s.lang, "Tidak jadi", "Keep the order"), false)) ui.ui.confirm_cancel_order.clear();
      EndPanel();
    } else if (Button(ui, "order/cancel", L(s.lang, "Batalkan", "Cancel order"), false)) {
      ui.ui.confirm_cancel_order = order.id;
    }
  }
  if (Button(ui, "order/reorder", L(s.lang, "Pesan lagi", "Order again"), false)) {
    ui.intents.push_back(Reorder{order.id});
  }
}

void DrawHistory(Ui& ui, const StoredOrder& stored) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  if (stored.history.empty()) return;
  SectionLabel(L(s.lang, "Riwayat", "History"));
  BeginPanel("order/history");
  for (const OrderEvent& event : stored.history) {
    TextWrapped(fonts.small, colors::TEXT_MUTED, FormatDateTimeWib(s.lang, event.at_ms));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - Px(6));
    std::string what = OrderStatusWords(s.lang, event.status);
    if (!event.note.empty()) what += ": " + event.note;
    TextWrapped(fonts.body, colors::TEXT, what);
  }
  EndPanel();
}

void DrawLines(Ui& ui, const Order& order) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  const MarketFile* file = LoadedMarket(s, order.market_id);
  SectionLabel(L(s.lang, "Barang", "Goods"));
  BeginPanel("order/lines");
  std::string current_stall;
  for (const OrderLine& line : order.lines) {
    if (line.stall_id != current_stall) {
      current_stall = line.stall_id;
      const Stall* stall = file ? FindStall(*file, line.stall_id) : nullptr;
      TextWrapped(fonts.small, colors::PRIMARY_DARK, stall ? stall->name : line.stall_id);
    }
    AmountRow(line.name, FormatRupiah(line.line_total_rp), fonts.body, colors::TEXT);
    std::string detail = FormatQuantity(line.qty_milli, line.unit, line.piece_name) + " x " + FormatRupiah(line.price_rp);
    if (line.weighed && line.actual_qty_milli > 0 && line.actual_qty_milli != line.qty_milli) {
      detail += std::string(L(s.lang, " · ditimbang ", " · weighed ")) + FormatQuantity(line.actual_qty_milli, line.unit, line.piece_name);
    } else if (line.weighed && line.actual_qty_milli == 0) {
      detail += L(s.lang, " · belum ditimbang", " · not weighed yet");
    }
    if (!line.note.empty()) detail += " · \"" + line.note + "\"";
    detail += std::string(" · ") + SubstitutionShortLabel(s.lang, line.substitution);
    TextWrapped(fonts.small, colors::TEXT_MUTED, detail);
  }
  EndPanel();
}

void DrawTotals(Ui& ui, const StoredOrder& stored) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  const Order& order = stored.order;
  BeginPanel("order/totals");
  AmountRow("Subtotal", FormatRupiah(order.subtotal_rp), fonts.body, colors::TEXT);
  AmountRow(L(s.lang, "Ongkos kirim", "Delivery fee"),
            order.delivery_fee_rp == 0 ? L(s.lang, "gratis", "free") : FormatRupiah(order.delivery_fee_rp), fonts.body, colors::TEXT);
  AmountRow("Total", FormatRupiah(order.total_rp), fonts.title, colors::TEXT);
  MirrorLastItem(ui, "order/total", MirrorRole::Status, "Total " + FormatRupiah(order.total_rp));
  if (order.quoted_total_rp != order.total_rp) {
    const int64_t diff = order.total_rp - order.quoted_total_rp;
    const std::string text = std::string(L(s.lang, "Saat memesan: ", "When ordered: ")) + FormatRupiah(order.quoted_total_rp) +
                             L(s.lang, " · sekarang: ", " · now: ") + FormatRupiah(order.total_rp) + " (" + (diff > 0 ? "+" : "") +
                             FormatRupiah(diff) + ")";
    TextWrapped(fonts.small, diff > 0 ? colors::ACCENT : colors::PRIMARY_DARK, text);
    MirrorLastItem(ui, "order/total-changed", MirrorRole::Status, text);
    TextWrapped(fonts.small, colors::TEXT_MUTED,
                L(s.lang, "Total mengikuti berat yang benar-benar ditimbang dan barang yang ditolak lapak.",
                  "The total follows the weight actually put on the scale and goods the stall turned down."));
  }
  if (stored.needs_confirm) {
    const char* text = L(s.lang, "Harga sebagian barang berubah sejak daftar harga yang kamu lihat. Lapak akan memastikan harganya "
                                 "(paling tinggi harga hari ini); perubahannya tampil di sini.",
                         "Some prices changed since the price list you saw. The stall will confirm them (at most today's price); "
                         "any change shows here.");
    TextWrapped(fonts.small, colors::ACCENT, text);
    MirrorLastItem(ui, "order/needs-confirm", MirrorRole::Status, text);
  }
  EndPanel();
}

void DrawDeliveryAndBuyer(Ui& ui, const Order& order) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  const MarketInfo* market = FindStateMarket(s, order.market_id);
  SectionLabel(L(s.lang, "Pengiriman & pembayaran", "Delivery & payment"));
  BeginPanel("order/delivery");
  TextWrapped(fonts.bold, colors::TEXT, DeliveryMethodLabel(s.lang, order.delivery_method));
  if (order.delivery_method == DeliveryMethod::Pickup) {
    if (market) TextWrapped(fonts.small, colors::TEXT_MUTED, market->pickup_point);
  } else if (const Area* area = order.area_id.empty() ? nullptr : FindArea(s.catalog.index, order.area_id)) {
    TextWrapped(fonts.small, colors::TEXT_MUTED, std::string(L(s.lang, "Kec. ", "")) + area->name);
  }
  const std::string when = std::string(L(s.lang, "Diproses ", "Handled ")) + WeekdayName(s.lang, order.handle_weekday) +
                           L(s.lang, " mulai pukul ", " from ") + FormatMinutes(order.handle_start_min) + " WIB";
  TextWrapped(fonts.small, colors::TEXT_MUTED, when);
  TextWrapped(fonts.body, colors::TEXT, std::string(L(s.lang, "Bayar: ", "Payment: ")) + PaymentLabel(s.lang, order.payment_method));
  ImGui::Dummy(ImVec2(0, Px(2)));
  TextWrapped(fonts.bold, colors::TEXT, order.buyer_name);
  TextWrapped(fonts.small, colors::TEXT_MUTED, order.buyer_phone);
  if (!order.address.empty()) TextWrapped(fonts.body, colors::TEXT, order.address);
  if (!order.landmark.empty()) TextWrapped(fonts.small, colors::TEXT_MUTED, std::string(L(s.lang, "Patokan: ", "Landmark: ")) + order.landmark);
  EndPanel();
}

}  // namespace

void DrawOrderScreen(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  const StoredOrder* stored = FindStoredOrder(s, s.route.order_id);
  const std::string code = FormatOrderIdForDisplay(s.route.order_id);
  if (TopBar(ui, L(s.lang, "Pesanan", "Order"), stored ? code : "", true)) ui.intents.push_back(GoBack{});
  BeginScrollArea(ui, "order/scroll", BottomBarsHeightCss(ui, false));
  ImGui::Dummy(ImVec2(0, Px(2)));
  if (!stored) {
    DrawMissingOrder(ui);
  } else {
    const Order& order = stored->order;
    TextWrapped(fonts.heading, colors::TEXT, code);
    MirrorLastItem(ui, "order/heading", MirrorRole::Heading, code);
    const MarketInfo* market = FindStateMarket(s, order.market_id);
    TextWrapped(fonts.small, colors::TEXT_MUTED,
                (market ? market->name : order.market_id) + " · " + FormatDateTimeWib(s.lang, order.created_at_ms));
    const OrderStateWords state = DescribeOrderState(s, *stored);
    TextWrapped(fonts.title, state.color, state.text);
    MirrorLastItem(ui, "order/state", MirrorRole::Status, state.text);
    if (!state.explanation.empty()) TextWrapped(fonts.body, colors::TEXT, state.explanation);
    DrawActions(ui, *stored);
    DrawHistory(ui, *stored);
    DrawLines(ui, order);
    DrawTotals(ui, *stored);
    DrawDeliveryAndBuyer(ui, order);
  }
  ImGui::Dummy(ImVec2(0, Px(12)));
  EndScrollArea(ui);
  DrawBottomBars(ui, false);
}

}  // namespace pasar
