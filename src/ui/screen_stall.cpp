// A stall's products: a long list drawn with ImGuiListClipper, so only the visible rows cost anything.
#include <cstdio>

#include "core/money.h"
#include "ui/screens.h"
#include "ui/strings.h"
#include "ui/words.h"

namespace pasar {

std::string UnitPriceLabel(Lang lang, const Product& product) {
  std::string unit = product.unit == BaseUnit::Kg ? "kg" : product.unit == BaseUnit::Liter ? "liter" : product.piece_name;
  (void)lang;
  return FormatRupiah(product.price_rp) + "/" + unit;
}

const char* AvailabilityLabel(Lang lang, Availability availability) {
  switch (availability) {
    case Availability::Terbatas: return L(lang, "Terbatas", "Limited");
    case Availability::Habis: return L(lang, "Habis", "Sold out");
    default: return L(lang, "Tersedia", "Available");
  }
}

ImU32 AvailabilityColor(Availability availability) {
  switch (availability) {
    case Availability::Terbatas: return colors::ACCENT;
    case Availability::Habis: return colors::ERROR_TEXT;
    default: return colors::PRIMARY;
  }
}

bool FarAboveReference(const Product& product) {
  return product.ref_price_rp > 0 && product.price_rp * 5 > product.ref_price_rp * 6;
}

void DrawProductRow(Ui& ui, const Stall& stall, const Product& product) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  const std::string id = "product/" + product.id;
  const char* avail = stall.closed ? L(s.lang, "Lapak tutup", "Stall closed") : AvailabilityLabel(s.lang, product.availability);
  std::string name = product.name + ", " + UnitPriceLabel(s.lang, product) + ", " + avail;
  if (CardButton(ui, id, name, PRODUCT_ROW_CSS)) ui.intents.push_back(OpenProduct{product.id});
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float pad = Px(14);
  ImVec2 avail_size = fonts.small->CalcTextSizeA(fonts.small->FontSize, FLT_MAX, 0.0f, avail);
  ImVec4 clip(a.x + pad, a.y, b.x - pad - avail_size.x - Px(10), b.y);
  float y = a.y + Px(12);
  dl->AddText(fonts.bold, fonts.bold->FontSize, ImVec2(a.x + pad, y), colors::TEXT, product.name.c_str(), nullptr, 0, &clip);
  dl->AddText(fonts.small, fonts.small->FontSize, ImVec2(b.x - pad - avail_size.x, y + Px(2)),
              stall.closed ? colors::ERROR_TEXT : AvailabilityColor(product.availability), avail);
  y += fonts.bold->FontSize + Px(6);
  std::string price = UnitPriceLabel(s.lang, product);
  dl->AddText(fonts.body, fonts.body->FontSize, ImVec2(a.x + pad, y), colors::PRIMARY_DARK, price.c_str());
  if (FarAboveReference(product)) {
    ImVec2 ps = fonts.body->CalcTextSizeA(fonts.body->FontSize, FLT_MAX, 0.0f, price.c_str());
    dl->AddText(fonts.small, fonts.small->FontSize, ImVec2(a.x + pad + ps.x + Px(10), y + Px(2)), colors::ACCENT,
                L(s.lang, "di atas harga acuan", "above reference price"));
  }
}

void DrawStallScreen(Ui& ui) {
  const AppState& s = ui.state;
  const MarketFile* market = LoadedMarket(s, s.route.market_id);
  const Stall* stall = market ? FindStall(*market, s.route.stall_id) : nullptr;
  const MarketInfo* info = FindStateMarket(s, s.route.market_id);
  if (!stall || !info) {
    DrawMissingPage(ui);
    return;
  }
  if (TopBar(ui, stall->name, info->name, true, SHARE_BUTTON_CSS)) ui.intents.push_back(GoBack{});
  DrawShareButton(ui);
  BeginScrollArea(ui, "stall/scroll", BottomBarsHeightCss(ui, true));
  ImGui::Dummy(ImVec2(0, Px(2)));
  Heading(ui, "stall/heading", stall->name);
  char buf[96];
  std::snprintf(buf, sizeof(buf), s.lang == Lang::En ? "%d products · %s" : "%d produk · %s",
                static_cast<int>(stall->products.size()), stall->location.c_str());
  TextWrapped(GetUiFonts().small, colors::TEXT_MUTED, buf);
  if (stall->closed) {
    TextWrapped(GetUiFonts().bold, colors::ERROR_TEXT, L(s.lang, "Lapak tutup: belum menerima pesanan.", "Stall closed: it takes no orders now."));
    MirrorLastItem(ui, "stall/closed", MirrorRole::Status, L(s.lang, "Lapak tutup", "Stall closed"));
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(stall->products.size()), Px(PRODUCT_ROW_CSS) + ImGui::GetStyle().ItemSpacing.y);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++) DrawProductRow(ui, *stall, stall->products[static_cast<size_t>(i)]);
  }
  ImGui::Dummy(ImVec2(0, Px(12)));
  ui.output.drew_catalog_data = true;
  EndScrollArea(ui);
  DrawBottomBars(ui, true);
}

void DrawShareButton(Ui& ui) {
  if (TopBarAction(ui, "page/share", L(ui.state.lang, "Bagikan", "Share"), SHARE_BUTTON_CSS)) {
    ui.intents.push_back(Share{});
  }
}

void DrawMissingPage(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  if (TopBar(ui, Tr(s.lang, Str::AppName), "", true)) ui.intents.push_back(GoBack{});
  BeginScrollArea(ui, "missing/scroll");
  ImGui::Dummy(ImVec2(0, Px(8)));
  const MarketLoad* load = MarketLoadOf(s, s.route.market_id);
  if (s.index_state == LoadState::Failed) {
    TextWrapped(fonts.bold, colors::ERROR_TEXT, LoadProblemWords(s.lang, s.index_error, false));
    if (Button(ui, "missing/retry", Tr(s.lang, Str::Retry), true)) ui.intents.push_back(RetryLoad{});
  } else if (s.index_state != LoadState::Ready || (load && load->state == LoadState::Loading)) {
    TextWrapped(fonts.body, colors::TEXT_MUTED, L(s.lang, "Memuat…", "Loading…"));
    MirrorLastItem(ui, "missing/loading", MirrorRole::Status, L(s.lang, "Memuat", "Loading"));
  } else if (load && load->state == LoadState::Failed) {
    TextWrapped(fonts.bold, colors::ERROR_TEXT, LoadProblemWords(s.lang, load->error, true));
    if (Button(ui, "missing/retry", Tr(s.lang, Str::Retry), true)) ui.intents.push_back(RetryLoad{});
  } else {
    const bool product = s.route.screen == Screen::Product;
    const bool stall = s.route.screen == Screen::Stall;
    Heading(ui, "missing/heading",
            product ? L(s.lang, "Produk tidak ditemukan", "Product not found")
                    : stall ? L(s.lang, "Lapak tidak ditemukan", "Stall not found") : Tr(s.lang, Str::MarketNotFound));
    TextWrapped(fonts.body, colors::TEXT_MUTED,
                L(s.lang, "Tautan ini menunjuk ke halaman yang tidak ada (lagi) di katalog.",
                  "This link points to a page that is not (or no longer) in the catalogue."));
    if (Button(ui, "missing/to-list", Tr(s.lang, Str::ToMarketList), true)) {
      ui.intents.push_back(OpenHome{});
    }
  }
  EndScrollArea(ui);
}

}  // namespace pasar
