// The cart: lines grouped by stall, quantity and removal, subtotal, the buyer's area, the delivery options
// with their fees, the minimum order and the cut-off, and the total.
#include <cstdio>

#include "core/money.h"
#include "core/units.h"
#include "ui/screens.h"
#include "ui/strings.h"
#include "ui/words.h"

namespace pasar {
namespace {

void DrawLine(Ui& ui, const PricedLine& priced) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  const CartLine& line = s.cart.lines[priced.line_pos];
  const std::string id = "cartline/" + std::to_string(priced.line_pos);
  ImGui::PushID(id.c_str());
  BeginPanel("line");
  std::string name = priced.product ? priced.product->name : line.product_id;
  TextWrapped(fonts.bold, colors::TEXT, name);
  std::string detail = priced.product ? FormatQuantity(line.qty_milli, priced.product->unit, priced.product->piece_name) : "";
  detail += std::string(" · ") + SubstitutionShortLabel(s.lang, line.substitution);
  if (!line.note.empty()) detail += " · \"" + line.note + "\"";
  TextWrapped(fonts.small, colors::TEXT_MUTED, detail);
  if (priced.stall_closed) {
    const char* why = L(s.lang, "Lapak tutup: hapus barang ini sebelum memesan.", "Stall closed: remove this before ordering.");
    TextWrapped(fonts.small, colors::ERROR_TEXT, why);
    MirrorLastItem(ui, id + "/stall-closed", MirrorRole::Status, why);
  } else if (!priced.available) {
    TextWrapped(fonts.small, colors::ERROR_TEXT, L(s.lang, "Tidak tersedia lagi: hapus atau ganti barang ini.", "No longer available: remove or replace it."));
  } else {
    TextWrapped(fonts.bold, colors::PRIMARY_DARK, FormatRupiah(priced.line_total_rp));
  }
  const float w = Px(56);
  std::string qty_name = name + " " + detail;
  if (Button(ui, id + "/minus", "-", false, 56.0f)) {
    ui.intents.push_back(CartChangeQty{priced.line_pos, -1});
  }
  ui.output.mirror.items.back().name = std::string(L(s.lang, "Kurangi ", "Less ")) + name;
  ImGui::SameLine(0, Px(8));
  if (Button(ui, id + "/plus", "+", false, 56.0f)) {
    ui.intents.push_back(CartChangeQty{priced.line_pos, 1});
  }
  ui.output.mirror.items.back().name = std::string(L(s.lang, "Tambah ", "More ")) + name;
  ImGui::SameLine(0, Px(8));
  if (Button(ui, id + "/remove", L(s.lang, "Hapus", "Remove"), false, 96.0f)) {
    ui.intents.push_back(CartRemoveLine{priced.line_pos});
  }
  ui.output.mirror.items.back().name = std::string(L(s.lang, "Hapus ", "Remove ")) + name;
  (void)w;
  (void)qty_name;
  EndPanel();
  ImGui::PopID();
}

// "Lanjut ke pembayaran" when an order can be made from this cart, else the reason it cannot (yet).
void DrawContinue(Ui& ui, const PricedCart& priced, const MarketInfo& market, int64_t fee) {
  const AppState& s = ui.state;
  std::string why;
  if (priced.lines.size() == priced.unavailable_count) {
    why = L(s.lang, "Semua barang di keranjang tidak tersedia lagi. Tambahkan barang lain dulu.",
            "Nothing in the cart is available any more. Add other goods first.");
  } else if (priced.unavailable_count > 0) {
    why = L(s.lang, "Hapus dulu barang yang tidak tersedia lagi.", "Remove the goods that are no longer available first.");
  } else if (!FindDeliveryOption(market.delivery, s.delivery_method)) {
    why = L(s.lang, "Pilih cara terima pesanan dulu.", "Choose how to receive the order first.");
  } else if (s.delivery_method != DeliveryMethod::Pickup && s.area_id.empty()) {
    why = L(s.lang, "Pilih kecamatan tujuan dulu, atau ambil sendiri.", "Pick the delivery district first, or pick up yourself.");
  } else if (fee < 0) {
    why = L(s.lang, "Cara terima ini tidak bisa dipakai untuk pesanan ini. Pilih cara lain.",
            "This way of receiving cannot be used for this order. Choose another.");
  }
  ImGui::Dummy(ImVec2(0, Px(4)));
  if (!why.empty()) {
    TextWrapped(GetUiFonts().body, colors::ERROR_TEXT, why);
    MirrorLastItem(ui, "cart/cannot-continue", MirrorRole::Status, why);
    return;
  }
  if (Button(ui, "cart/checkout", L(s.lang, "Lanjut ke pembayaran", "Continue to checkout"), true)) {
    ui.intents.push_back(OpenCheckout{});
  }
}

}  // namespace

void DrawCartScreen(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  const MarketInfo* market = s.cart.lines.empty() ? nullptr : FindStateMarket(s, s.cart.market_id);
  if (TopBar(ui, L(s.lang, "Keranjang", "Cart"), market ? market->name : "", true)) {
    ui.intents.push_back(GoBack{});
  }
  BeginScrollArea(ui, "cart/scroll", BottomBarsHeightCss(ui, false));
  ImGui::Dummy(ImVec2(0, Px(2)));
  if (s.cart.lines.empty() || !market) {
    Heading(ui, "cart/empty", L(s.lang, "Keranjang masih kosong", "Your cart is empty"));
    TextWrapped(fonts.body, colors::TEXT_MUTED, L(s.lang, "Pilih pasar, lalu tambahkan dagangan dari lapak-lapaknya.",
                                                 "Pick a market, then add goods from its stalls."));
    if (Button(ui, "cart/to-markets", L(s.lang, "Lihat pasar", "See markets"), true)) {
      ui.intents.push_back(OpenHome{});
    }
    EndScrollArea(ui);
    DrawBottomBars(ui, false);
    return;
  }
  const MarketFile* file = LoadedMarket(s, s.cart.market_id);
  if (!file) {
    TextWrapped(fonts.body, colors::TEXT_MUTED, L(s.lang, "Memuat harga terbaru…", "Loading the latest prices…"));
    MirrorLastItem(ui, "cart/loading", MirrorRole::Status, L(s.lang, "Memuat", "Loading"));
    EndScrollArea(ui);
    DrawBottomBars(ui, false);
    return;
  }
  PricedCart priced = PriceCart(s.cart, *file);
  const Stall* current = nullptr;
  for (const PricedLine& line : priced.lines) {
    if (line.stall != current && line.stall) {
      current = line.stall;
      SectionLabel(current->name);
    }
    DrawLine(ui, line);
  }
  ImGui::Dummy(ImVec2(0, Px(4)));
  TextWrapped(fonts.title, colors::TEXT, std::string(L(s.lang, "Subtotal ", "Subtotal ")) + FormatRupiah(priced.subtotal_rp));

  SectionLabel(L(s.lang, "Antar ke kecamatan", "Deliver to district"));
  BeginChipRow();
  if (const Area* chosen = s.area_id.empty() ? nullptr : FindArea(s.catalog.index, s.area_id)) {
    // One chosen area takes one line; "Ganti" brings the whole list back.
    char km[32];
    std::snprintf(km, sizeof(km), " · %.1f km", static_cast<double>(FindAreaDistanceM(*market, chosen->id)) / 1000.0);
    for (char* c = km; *c; c++) *c = *c == '.' ? ',' : *c;  // Indonesian decimal comma
    Chip(ui, "area/" + chosen->id, chosen->name + km, true);
    if (Chip(ui, "area/change", L(s.lang, "Ganti", "Change"), false)) ui.intents.push_back(SetArea{""});
  } else {
    for (const Area& area : s.catalog.index.areas) {
      if (FindAreaDistanceM(*market, area.id) < 0) continue;
      if (Chip(ui, "area/" + area.id, area.name, false)) ui.intents.push_back(SetArea{area.id});
    }
  }
  SectionLabel(L(s.lang, "Cara terima", "How to receive"));
  const int64_t distance = s.area_id.empty() ? -1 : FindAreaDistanceM(*market, s.area_id);
  int64_t fee = -1;
  BeginChipRow();
  for (const DeliveryOption& option : market->delivery.methods) {
    const bool needs_area = option.method != DeliveryMethod::Pickup;
    std::string line = DeliveryMethodLabel(s.lang, option.method);
    bool usable = true;
    if (needs_area && distance < 0) {
      line += L(s.lang, " · pilih kecamatan dulu", " · pick a district first");
      usable = false;
    } else {
      FeeQuote quote = ComputeDeliveryFee(market->delivery, option.method, needs_area ? distance : 0, priced.subtotal_rp);
      if (quote.ok()) {
        line += " · " + (quote.fee_rp == 0 ? std::string(L(s.lang, "gratis", "free")) : FormatRupiah(quote.fee_rp));
        if (option.method == s.delivery_method) fee = quote.fee_rp;
      } else {
        line += " · " + FeeProblemWords(s.lang, quote);
        usable = false;
      }
    }
    bool selected = option.method == s.delivery_method;
    if (Chip(ui, std::string("method/") + DeliveryMethodName(option.method), line, selected) && usable) {
      ui.intents.push_back(SetDeliveryMethod{option.method});
    }
    BeginChipRow();  // one option per row
  }
  if (s.now_min >= 0) {
    OrderSchedule when = ScheduleOrder(market->hours, s.now_min, s.weekday);
    const char* text = when.kind == ScheduleKind::Now ? L(s.lang, "Pesanan diproses hari ini.", "Handled today.")
                       : when.kind == ScheduleKind::LaterToday ? L(s.lang, "Pasar belum buka: pesanan diproses saat pasar buka hari ini.", "The market is not open yet: handled when it opens today.")
                                                                : L(s.lang, "Sudah lewat batas pesan: pesanan diproses besok pagi.", "Past today's cut-off: handled tomorrow morning.");
    TextWrapped(fonts.small, when.kind == ScheduleKind::NextDay ? colors::ACCENT : colors::TEXT_MUTED, text);
  }
  if (fee >= 0) {
    ImGui::Dummy(ImVec2(0, Px(4)));
    TextWrapped(fonts.body, colors::TEXT, std::string(L(s.lang, "Ongkos kirim ", "Delivery ")) + FormatRupiah(fee));
    TextWrapped(fonts.title, colors::TEXT, std::string("Total ") + FormatRupiah(priced.subtotal_rp + fee));
    MirrorLastItem(ui, "cart/total", MirrorRole::Status, std::string("Total ") + FormatRupiah(priced.subtotal_rp + fee));
  }
  DrawContinue(ui, priced, *market, fee);
  ImGui::Dummy(ImVec2(0, Px(12)));
  ui.output.drew_catalog_data = true;
  EndScrollArea(ui);
  DrawBottomBars(ui, false);
}

}  // namespace pasar
