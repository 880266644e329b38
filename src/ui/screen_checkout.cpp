// Checkout: who receives the order and where, the delivery chosen in the cart, how to pay, the review
// (lines by stall, subtotal, fee, total), when the market handles it and what happens next, then
// "Pesan sekarang". After the first tap every field problem stands under its field, in words.
#include <cstdio>

#include "core/money.h"
#include "core/units.h"
#include "ui/screens.h"
#include "ui/strings.h"
#include "ui/words.h"

namespace pasar {
namespace {

const FieldError* ErrorFor(const AppState& s, const char* field) {
  if (!s.checkout.tried) return nullptr;
  for (const FieldError& e : s.checkout.errors) {
    if (e.field == field) return &e;
  }
  return nullptr;
}

// The field's problem under it, in the error colour, and in the mirror as a status.
void FieldErrorLine(Ui& ui, const char* field) {
  const FieldError* e = ErrorFor(ui.state, field);
  if (!e) return;
  const MarketInfo* market = FindStateMarket(ui.state, ui.state.cart.market_id);
  const std::string text = FieldProblemWords(ui.state.lang, *e, market ? market->name : std::string());
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - Px(4));
  TextWrapped(GetUiFonts().small, colors::ERROR_TEXT, text);
  MirrorLastItem(ui, std::string("checkout/error/") + field, MirrorRole::Status, text);
}

void FieldLabel(const char* text) {
  TextWrapped(GetUiFonts().small, colors::TEXT_MUTED, text);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - Px(6));
}

void DrawBuyerFields(Ui& ui, const MarketInfo& market) {
  const AppState& s = ui.state;
  const CheckoutForm& form = s.checkout.form;
  SectionLabel(L(s.lang, "Data penerima", "Who receives it"));
  FieldLabel(L(s.lang, "Nama penerima", "Receiver's name"));
  TextField(ui, FIELD_NAME, L(s.lang, "Nama penerima", "Receiver's name"), L(s.lang, "Nama yang dicari kurir", "The name the courier asks for"),
            form.name, InputKind::Name);
  FieldErrorLine(ui, "name");
  FieldLabel(L(s.lang, "Nomor HP (WhatsApp)", "Phone number (WhatsApp)"));
  TextField(ui, FIELD_PHONE, L(s.lang, "Nomor HP", "Phone number"), "08xx-xxxx-xxxx", form.phone, InputKind::Tel);
  FieldErrorLine(ui, "phone");
  if (s.delivery_method == DeliveryMethod::Pickup) {
    TextWrapped(GetUiFonts().small, colors::TEXT_MUTED,
                std::string(L(s.lang, "Kamu ambil sendiri di ", "You pick it up at ")) + market.pickup_point +
                    L(s.lang, ", jadi alamat tidak perlu.", ", so no address is needed."));
    FieldErrorLine(ui, "address");
    FieldErrorLine(ui, "landmark");
    return;
  }
  FieldLabel(L(s.lang, "Alamat antar", "Delivery address"));
  TextField(ui, FIELD_ADDRESS, L(s.lang, "Alamat antar", "Delivery address"),
            L(s.lang, "Jalan, nomor rumah, RT/RW, kelurahan", "Street, house number, RT/RW, kelurahan"), form.address, InputKind::Text);
  FieldErrorLine(ui, "address");
  FieldLabel(L(s.lang, "Patokan (yang dicari kurir)", "Landmark (what the courier looks for)"));
  TextField(ui, FIELD_LANDMARK, L(s.lang, "Patokan", "Landmark"), L(s.lang, "Mis. depan masjid, pagar hijau", "E.g. opposite the mosque, green fence"),
            form.landmark, InputKind::Text);
  FieldErrorLine(ui, "landmark");
}

// The delivery chosen in the cart, its fee (or why it has none), and a way back to change it.
// Returns the fee, or -1 when this choice cannot carry the order.
int64_t DrawDeliverySummary(Ui& ui, const MarketInfo& market, int64_t subtotal_rp) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  SectionLabel(L(s.lang, "Cara terima", "How to receive"));
  BeginPanel("checkout/delivery");
  const bool pickup = s.delivery_method == DeliveryMethod::Pickup;
  int64_t fee = -1;
  std::string detail;
  if (!FindDeliveryOption(market.delivery, s.delivery_method)) {
    detail = L(s.lang, "Cara terima belum dipilih.", "No way of receiving chosen yet.");
  } else {
    TextWrapped(fonts.bold, colors::TEXT, DeliveryMethodLabel(s.lang, s.delivery_method));
    const Area* area = pickup || s.area_id.empty() ? nullptr : FindArea(s.catalog.index, s.area_id);
    const int64_t distance = pickup ? 0 : (s.area_id.empty() ? -1 : FindAreaDistanceM(market, s.area_id));
    if (pickup) {
      TextWrapped(fonts.small, colors::TEXT_MUTED, market.pickup_point);
    } else if (area && distance >= 0) {
      char km[32];
      std::snprintf(km, sizeof(km), " · %.1f km", static_cast<double>(distance) / 1000.0);
      for (char* c = km; *c; c++) *c = *c == '.' ? ',' : *c;
      TextWrapped(fonts.small, colors::TEXT_MUTED, std::string(L(s.lang, "Kec. ", "")) + area->name + km);
    }
    if (!pickup && distance < 0) {
      detail = L(s.lang, "Kecamatan tujuan belum dipilih.", "No delivery district chosen yet.");
    } else {
      FeeQuote quote = ComputeDeliveryFee(market.delivery, s.delivery_method, distance, subtotal_rp);
      if (quote.ok()) {
        fee = quote.fee_rp;
        TextWrapped(fonts.body, colors::TEXT, std::string(L(s.lang, "Ongkos kirim ", "Delivery fee ")) +
                                                  (fee == 0 ? std::string(L(s.lang, "gratis", "free")) : FormatRupiah(fee)));
      } else {
        detail = FeeProblemWords(s.lang, quote);
      }
    }
  }
  if (!detail.empty()) {
    TextWrapped(fonts.body, colors::ERROR_TEXT, detail);
    MirrorLastItem(ui, "checkout/delivery-problem", MirrorRole::Status, detail);
  }
  FieldErrorLine(ui, "delivery_method");
  FieldErrorLine(ui, "area_id");
  if (Button(ui, "checkout/change-delivery", L(s.lang, "Ubah di keranjang", "Change in the cart"), false)) {
    ui.intents.push_back(OpenCart{});
  }
  EndPanel();
  return fee;
}

void DrawPayment(Ui& ui) {
  const AppState& s = ui.state;
  const PaymentMethod chosen = s.checkout.form.payment_method;
  SectionLabel(L(s.lang, "Pembayaran", "Payment"));
  BeginChipRow();
  for (PaymentMethod m : {PaymentMethod::Cod, PaymentMethod::Qris, PaymentMethod::Transfer}) {
    if (Chip(ui, std::string("payment/") + PaymentMethodName(m), PaymentLabel(s.lang, m), chosen == m)) {
      ui.intents.push_back(SetPayment{m});
    }
  }
  const char* how = nullptr;
  switch (chosen) {
    case PaymentMethod::Cod: how = L(s.lang, "Bayar tunai saat pesanan diterima.", "Pay cash when you receive the order."); break;
    case PaymentMethod::Qris:
      how = L(s.lang, "Bayar dengan QRIS lapak setelah lapak menerima pesanan; pedagang memastikan uangnya masuk.",
              "Pay with the stall's QRIS once it accepts the order; the trader confirms the money arrived.");
      break;
    case PaymentMethod::Transfer:
      how = L(s.lang, "Transfer setelah lapak menerima pesanan; pedagang memastikan uangnya masuk.",
              "Transfer once the stall accepts the order; the trader confirms the money arrived.");
      break;
    case PaymentMethod::Unknown: break;
  }
  if (how) TextWrapped(GetUiFonts().small, colors::TEXT_MUTED, how);
  FieldErrorLine(ui, "payment_method");
}

void DrawReview(Ui& ui, const PricedCart& priced, int64_t fee) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  SectionLabel(L(s.lang, "Ringkasan pesanan", "Order summary"));
  BeginPanel("checkout/review");
  const Stall* current = nullptr;
  for (const PricedLine& line : priced.lines) {
    if (line.stall && line.stall != current) {
      current = line.stall;
      TextWrapped(fonts.small, colors::PRIMARY_DARK, current->name);
    }
    const CartLine& cart_line = s.cart.lines[line.line_pos];
    const std::string name = line.product ? line.product->name : cart_line.product_id;
    std::string qty = line.product ? FormatQuantity(cart_line.qty_milli, line.product->unit, line.product->piece_name) : "";
    if (!cart_line.note.empty()) qty += " · \"" + cart_line.note + "\"";
    if (line.available) {
      AmountRow(name, FormatRupiah(line.line_total_rp), fonts.body, colors::TEXT);
      TextWrapped(fonts.small, colors::TEXT_MUTED, qty);
    } else {
      AmountRow(name, L(s.lang, "tidak tersedia", "unavailable"), fonts.body, colors::ERROR_TEXT);
    }
  }
  ImGui::Dummy(ImVec2(0, Px(2)));
  AmountRow("Subtotal", FormatRupiah(priced.subtotal_rp), fonts.body, colors::TEXT);
  AmountRow(L(s.lang, "Ongkos kirim", "Delivery fee"), fee < 0 ? "-" : fee == 0 ? L(s.lang, "gratis", "free") : FormatRupiah(fee),
            fonts.body, colors::TEXT);
  const std::string total = fee < 0 ? "-" : FormatRupiah(priced.subtotal_rp + fee);
  AmountRow("Total", total, fonts.title, colors::TEXT);
  MirrorLastItem(ui, "checkout/total", MirrorRole::Status, "Total " + total);
  EndPanel();
  if (priced.unavailable_count > 0) {
    const char* text = L(s.lang, "Ada barang yang tidak tersedia lagi: hapus di keranjang dulu.",
                         "Some goods are no longer available: remove them in the cart first.");
    TextWrapped(fonts.body, colors::ERROR_TEXT, text);
    MirrorLastItem(ui, "checkout/unavailable", MirrorRole::Status, text);
  }
}

void DrawEmptyCheckout(Ui& ui) {
  const AppState& s = ui.state;
  Heading(ui, "checkout/empty", L(s.lang, "Keranjang masih kosong", "Your cart is empty"));
  TextWrapped(GetUiFonts().body, colors::TEXT_MUTED,
              L(s.lang, "Tambahkan dagangan dari lapak dulu, lalu pesan di sini.", "Add goods from a stall first, then order here."));
  if (Button(ui, "checkout/to-markets", L(s.lang, "Lihat pasar", "See markets"), true)) {
    ui.intents.push_back(OpenHome{});
  }
  if (Button(ui, "checkout/to-orders", L(s.lang, "Pesanan saya", "My orders"), false)) {
    ui.intents.push_back(OpenOrders{});
  }
}

}  // namespace

void DrawCheckoutScreen(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  const MarketInfo* market = s.cart.lines.empty() ? nullptr : FindStateMarket(s, s.cart.market_id);
  if (TopBar(ui, L(s.lang, "Pesan", "Checkout"), market ? market->name : "", true)) {
    ui.intents.push_back(GoBack{});
  }
  BeginScrollArea(ui, "checkout/scroll", BottomBarsHeightCss(ui, false));
  ImGui::Dummy(ImVec2(0, Px(2)));
  const MarketFile* file = market ? LoadedMarket(s, s.cart.market_id) : nullptr;
  if (!market) {
    DrawEmptyCheckout(ui);
  } else if (!file) {
    TextWrapped(fonts.body, colors::TEXT_MUTED, L(s.lang, "Memuat harga terbaru...", "Loading the latest prices..."));
    MirrorLastItem(ui, "checkout/loading", MirrorRole::Status, L(s.lang, "Memuat", "Loading"));
  } else {
    PricedCart priced = PriceCart(s.cart, *file);
    DrawBuyerFields(ui, *market);
    const int64_t fee = DrawDeliverySummary(ui, *market, priced.subtotal_rp);
    DrawPayment(ui);
    DrawReview(ui, priced, fee);
    const std::string when = ScheduleSentence(s.lang, *market, s.now_min, s.weekday);
    if (!when.empty()) TextWrapped(fonts.body, colors::TEXT, when);
    TextWrapped(fonts.small, colors::TEXT_MUTED,
                L(s.lang, "Pesanan disimpan di HP dulu, lalu dikirim saat ada sinyal. Statusnya bisa dilihat di Pesanan saya.",
                  "The order is saved on this phone first, then sent when there is signal. Follow it in My orders."));
    if (s.checkout.tried && !s.checkout.errors.empty()) {
      char buf[120];
      std::snprintf(buf, sizeof(buf), s.lang == Lang::En ? "Check the %zu marked item(s) above." : "Periksa %zu isian yang ditandai di atas.",
                    s.checkout.errors.size());
      TextWrapped(fonts.bold, colors::ERROR_TEXT, buf);
      MirrorLastItem(ui, "checkout/errors", MirrorRole::Status, buf);
    }
    const std::string message = !s.checkout.fee_problem.ok() ? FeeProblemWords(s.lang, s.checkout.fee_problem)
                                                             : CheckoutProblemWords(s.lang, s.checkout);
    if (!message.empty()) {
      TextWrapped(fonts.bold, colors::ERROR_TEXT, message);
      MirrorLastItem(ui, "checkout/message", MirrorRole::Status, message);
    }
    if (Button(ui, "checkout/place", L(s.lang, "Pesan sekarang", "Order now"), true)) {
      ui.intents.push_back(PlaceOrder{});
    }
    ui.output.drew_catalog_data = true;
  }
  ImGui::Dummy(ImVec2(0, Px(12)));
  EndScrollArea(ui);
  DrawBottomBars(ui, false);
}

}  // namespace pasar
