// One product: price per unit and per kg, the trade office's reference price, availability, quantity by
// step or typed weight, a note for the trader, what to do if it runs out, and "add to cart".
#include <cstdio>

#include "core/money.h"
#include "core/units.h"
#include "ui/screens.h"
#include "ui/strings.h"
#include "ui/words.h"

namespace pasar {
namespace {

const char* SubstitutionLabel(Lang lang, Substitution s) {
  switch (s) {
    case Substitution::ReplaceSimilar: return L(lang, "Ganti yang serupa", "Replace with similar");
    case Substitution::CancelItem: return L(lang, "Batalkan barang ini", "Cancel this item");
    default: return L(lang, "Hubungi saya", "Contact me");
  }
}

std::string ShortDate(const std::string& ymd) {
  static const char* MONTHS[] = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
  if (ymd.size() != 10) return ymd;
  int month = std::atoi(ymd.substr(5, 2).c_str());
  int day = std::atoi(ymd.substr(8, 2).c_str());
  if (month < 1 || month > 12) return ymd;
  return std::to_string(day) + " " + MONTHS[month - 1] + " " + ymd.substr(0, 4);
}

void DrawReplaceDialog(Ui& ui, const std::string& this_market) {
  const AppState& s = ui.state;
  const MarketInfo* other = FindStateMarket(s, s.product.pending_other_market);
  const std::string other_name = other ? other->name : s.product.pending_other_market;
  const float top = ImGui::GetCursorScreenPos().y;
  BeginPanel("product/replace");
  TextWrapped(GetUiFonts().bold, colors::ERROR_TEXT,
              (s.lang == Lang::En ? "Your cart holds goods from " + other_name + ". One order comes from one market. Empty it and shop at " + this_market + "?"
                                  : "Keranjang berisi belanjaan dari " + other_name + ". Satu pesanan dari satu pasar. Kosongkan dan belanja di " + this_market + "?"));
  MirrorLastItem(ui, "product/replace-question", MirrorRole::Status,
                 s.lang == Lang::En ? "Your cart holds goods from " + other_name : "Keranjang berisi belanjaan dari " + other_name);
  if (Button(ui, "product/replace-yes", L(s.lang, "Kosongkan & tambah", "Empty cart & add"), true)) {
    ui.intents.push_back(ReplaceCartAndAdd{});
  }
  if (Button(ui, "product/replace-no", L(s.lang, "Batal, simpan keranjang", "Cancel, keep my cart"), false)) {
    ui.intents.push_back(CancelReplace{});
  }
  EndPanel();
  RevealOnce(ui, "product/replace/" + s.product.pending_other_market, top, ImGui::GetItemRectMax().y);
}

}  // namespace

void DrawProductScreen(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  auto ref = FindStateProduct(s, s.route.product_id);
  const MarketInfo* market = FindStateMarket(s, s.route.market_id);
  if (!ref || !market) {
    DrawMissingPage(ui);
    return;
  }
  const Product& p = *ref->product;
  const Stall& stall = *ref->stall;
  if (TopBar(ui, p.name, stall.name, true, SHARE_BUTTON_CSS)) ui.intents.push_back(GoBack{});
  DrawShareButton(ui);
  BeginScrollArea(ui, "product/scroll", BottomBarsHeightCss(ui, true));
  ImGui::Dummy(ImVec2(0, Px(2)));
  Heading(ui, "product/heading", p.name);
  TextWrapped(fonts.title, colors::PRIMARY_DARK, UnitPriceLabel(s.lang, p));
  std::string facts = std::string(AvailabilityLabel(s.lang, p.availability)) + L(s.lang, " · harga per ", " · price of ") + ShortDate(p.price_date);
  TextWrapped(fonts.small, AvailabilityColor(p.availability), facts);
  if (auto per_kg = ComputePricePerKgRp(p.unit, p.price_rp, p.piece_weight_g); per_kg && p.unit == BaseUnit::Piece) {
    TextWrapped(fonts.small, colors::TEXT_MUTED, std::string(L(s.lang, "Setara ", "About ")) + FormatRupiah(*per_kg) + "/kg");
  }
  if (p.ref_price_rp > 0) {
    std::string line = std::string(L(s.lang, "Harga acuan Dinas Perdagangan: ", "Trade office reference price: ")) +
                       FormatRupiah(p.ref_price_rp) + " (" + ShortDate(p.ref_price_date) + ")";
    TextWrapped(fonts.small, FarAboveReference(p) ? colors::ACCENT : colors::TEXT_MUTED, line);
    if (FarAboveReference(p)) {
      TextWrapped(fonts.bold, colors::ACCENT, L(s.lang, "Harga ini jauh di atas harga acuan. Bandingkan lapak lain atau tawar lewat telepon.",
                                                "This price is well above the reference price. Compare other stalls or bargain by phone."));
    }
  }

  SectionLabel(L(s.lang, "Jumlah", "Quantity"));
  BeginChipRow();
  for (const SaleStep& step : p.steps) {
    std::string label = step.label + " · " + FormatRupiah([&] { int64_t t = 0; ComputeLineTotalRp(p.price_rp, step.qty_milli, &t); return t; }());
    bool selected = s.product.weight_text.empty() && s.product.qty_milli == step.qty_milli;
    if (Chip(ui, "step/" + std::to_string(step.qty_milli), label, selected)) {
      ui.intents.push_back(ChooseStep{step.qty_milli});
    }
  }
  if (p.free_qty) {
    TextField(ui, FIELD_WEIGHT, L(s.lang, "Atau ketik jumlah", "Or type an amount"),
              p.unit == BaseUnit::Piece ? L(s.lang, "Atau ketik jumlah, mis. 3", "Or type an amount, e.g. 3")
                                        : L(s.lang, "Atau ketik berat, mis. 2,5 kg", "Or type a weight, e.g. 2,5 kg"),
              s.product.weight_text, InputKind::Text);
    if (!s.product.weight_problem.ok()) {
      const std::string why = QuantityProblemWords(s.lang, s.product.weight_problem);
      TextWrapped(fonts.small, colors::ERROR_TEXT, why);
      MirrorLastItem(ui, "product/weight-error", MirrorRole::Status, why);
    }
  }
  if (p.weighed) {
    TextWrapped(fonts.small, colors::TEXT_MUTED, L(s.lang, "Ditimbang di lapak: harga akhir mengikuti berat sebenarnya, kamu akan melihat selisihnya.",
                                                  "Weighed at the stall: the final price follows the real weight, and you will see the difference."));
  }

  SectionLabel(L(s.lang, "Catatan untuk pedagang", "Note for the trader"));
  TextField(ui, FIELD_NOTE, L(s.lang, "Catatan untuk pedagang", "Note for the trader"),
            L(s.lang, "Mis. potong 8, ikan dibersihkan", "E.g. cut in 8, fish cleaned"), s.product.note, InputKind::Text);
  SectionLabel(L(s.lang, "Kalau habis", "If it runs out"));
  BeginChipRow();
  for (Substitution sub : {Substitution::ContactMe, Substitution::ReplaceSimilar, Substitution::CancelItem}) {
    if (Chip(ui, std::string("subst/") + SubstitutionName(sub), SubstitutionLabel(s.lang, sub), s.product.substitution == sub)) {
      ui.intents.push_back(SetSubstitution{sub});
    }
  }
  ImGui::Dummy(ImVec2(0, Px(4)));
  int64_t total = 0;
  bool priced = s.product.qty_milli > 0 && s.product.weight_problem.ok() && ComputeLineTotalRp(p.price_rp, s.product.qty_milli, &total);
  if (priced) {
    std::string line = FormatQuantity(s.product.qty_milli, p.unit, p.piece_name) + " = " + FormatRupiah(total);
    TextWrapped(fonts.title, colors::TEXT, line);
  }
  if (s.product.pending_other_market.empty()) ui.ui.revealed.clear();  // the next question is revealed again
  if (!s.product.pending_other_market.empty()) {
    DrawReplaceDialog(ui, market->name);
  } else if (stall.closed) {
    TextWrapped(fonts.bold, colors::ERROR_TEXT, L(s.lang, "Lapak tutup. Belum bisa dipesan; coba lapak lain di pasar ini.",
                                                  "Stall closed. It takes no orders now; try another stall in this market."));
    MirrorLastItem(ui, "product/stall-closed", MirrorRole::Status, L(s.lang, "Lapak tutup", "Stall closed"));
    DisabledButton(ui, "product/add", L(s.lang, "Tambah ke keranjang", "Add to cart"));
  } else if (p.availability == Availability::Habis) {
    TextWrapped(fonts.bold, colors::ERROR_TEXT, L(s.lang, "Habis hari ini. Coba lapak lain di pasar ini.", "Sold out today. Try another stall in this market."));
  } else if (Button(ui, "product/add", L(s.lang, "Tambah ke keranjang", "Add to cart"), true)) {
    ui.intents.push_back(AddProduct{});
  }
  ImGui::Dummy(ImVec2(0, Px(12)));
  ui.output.drew_catalog_data = true;
  EndScrollArea(ui);
  DrawBottomBars(ui, true);
}

}  // namespace pasar
