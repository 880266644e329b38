// Home: the pilot markets and cooperatives, with a search field on top.
#include <cstdio>
#include <cstdlib>

#include "ui/screens.h"
#include "ui/strings.h"
#include "ui/words.h"

namespace pasar {
namespace {

const char* KindLabel(Lang lang, const MarketInfo& market) {
  switch (market.kind) {
    case MarketKind::Koperasi: return Tr(lang, Str::KindKoperasi);
    case MarketKind::KoperasiNelayan: return Tr(lang, Str::KindKoperasiNelayan);
    default: return Tr(lang, Str::KindPasar);
  }
}

void DrawLoadState(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  ImGui::Dummy(ImVec2(0, Px(24)));
  if (s.index_state == LoadState::Failed) {
    const std::string why = LoadProblemWords(s.lang, s.index_error, false);
    TextWrapped(fonts.bold, colors::ERROR_TEXT, why);
    MirrorLastItem(ui, "markets/error", MirrorRole::Status, why);
    ImGui::Dummy(ImVec2(0, Px(12)));
    if (Button(ui, "markets/retry", Tr(s.lang, Str::Retry), true)) {
      ui.intents.push_back(RetryLoad{});
    }
  } else {
    TextWrapped(fonts.body, colors::TEXT_MUTED, Tr(s.lang, Str::LoadingMarkets));
    MirrorLastItem(ui, "markets/loading", MirrorRole::Status, Tr(s.lang, Str::LoadingMarkets));
  }
}

void DrawMarketCard(Ui& ui, const MarketInfo& market) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  const std::string& known_for = s.lang == Lang::En ? market.known_for_en : market.known_for_id;
  const std::string id = "market/" + market.id;
  if (CardButton(ui, id, market.name, 84.0f)) {
    ui.intents.push_back(OpenMarket{market.id});
  }
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float pad = Px(14);
  ImVec4 clip(a.x + pad, a.y, b.x - pad, b.y);
  // A coloured initial badge, fish-blue for the fishermen's cooperatives and the fish market.
  const bool fish = market.kind == MarketKind::KoperasiNelayan || !market.auction_days.empty();
  const float badge = Px(44);
  ImVec2 badge_a(a.x + pad, a.y + pad);
  dl->AddRectFilled(badge_a, ImVec2(badge_a.x + badge, badge_a.y + badge), fish ? colors::CHIP_FISH : colors::CHIP_MARKET, Px(10));
  const char* initial_src = market.name.c_str();
  if (market.name.rfind("Pasar ", 0) == 0) initial_src += 6;
  if (market.name.rfind("Koperasi ", 0) == 0) initial_src += 9;
  if (market.name.rfind("KUD ", 0) == 0) initial_src += 4;
  char initial[2] = {initial_src[0], 0};
  ImVec2 ts = fonts.title->CalcTextSizeA(fonts.title->FontSize, FLT_MAX, 0.0f, initial);
  dl->AddText(fonts.title, fonts.title->FontSize,
              ImVec2(badge_a.x + (badge - ts.x) * 0.5f, badge_a.y + (badge - ts.y) * 0.5f),
              fish ? IM_COL32(20, 90, 150, 255) : colors::PRIMARY, initial);
  float x = badge_a.x + badge + Px(12);
  ImVec4 text_clip(x, a.y, b.x - pad, b.y);
  float y = a.y + Px(12);
  if (s.now_min >= 0) {
    const bool open = IsMarketOpenNow(s, market);
    const char* label = open ? (s.lang == Lang::En ? "Open" : "Buka") : (s.lang == Lang::En ? "Closed" : "Tutup");
    ImVec2 ls = fonts.small->CalcTextSizeA(fonts.small->FontSize, FLT_MAX, 0.0f, label);
    dl->AddText(fonts.small, fonts.small->FontSize, ImVec2(b.x - pad - ls.x, y + Px(2)), open ? colors::PRIMARY : colors::TEXT_MUTED, label);
    text_clip.z = b.x - pad - ls.x - Px(8);
  }
  dl->AddText(fonts.bold, fonts.bold->FontSize, ImVec2(x, y), colors::TEXT, market.name.c_str(), nullptr, 0.0f, &text_clip);
  text_clip.z = b.x - pad;
  y += fonts.bold->FontSize + Px(3);
  char line[160];
  std::snprintf(line, sizeof(line), "%s · %s %s", KindLabel(s.lang, market), s.lang == Lang::En ? "" : "Kec.",
                market.kecamatan.c_str());
  dl->AddText(fonts.small, fonts.small->FontSize, ImVec2(x, y), colors::TEXT_MUTED, line, nullptr, 0.0f, &text_clip);
  y += fonts.small->FontSize + Px(3);
  dl->AddText(fonts.small, fonts.small->FontSize, ImVec2(x, y), colors::PRIMARY_DARK, known_for.c_str(), nullptr,
              b.x - pad - x, &text_clip);
  (void)clip;
}

// "Harga per 29 Nov 2026": the date of the prices on screen (the catalogue version starts with it; a sync
// patch moves it), and whether they come from this phone because the network is away.
std::string PriceDateText(const AppState& s) {
  const std::string& version = s.sync.catalog_version.empty() ? s.catalog.index.catalog_version : s.sync.catalog_version;
  if (version.size() < 10 || version[4] != '-' || version[7] != '-') return "";
  static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
  static const char* const months_en[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int month = std::atoi(version.substr(5, 2).c_str());
  if (month < 1 || month > 12) return "";
  int day = std::atoi(version.substr(8, 2).c_str());
  std::string date = std::to_string(day) + " " + (s.lang == Lang::En ? months_en : months)[month - 1] + " " + version.substr(0, 4);
  return std::string(L(s.lang, "Harga per ", "Prices as of ")) + date;
}

void DrawPriceDate(Ui& ui) {
  const AppState& s = ui.state;
  std::string text = PriceDateText(s);
  if (text.empty()) return;
  if (!s.sync.online) text += L(s.lang, " · tersimpan di HP, sedang offline", " · saved on this phone, offline now");
  ImGui::Dummy(ImVec2(0, Px(4)));
  TextWrapped(GetUiFonts().small, colors::TEXT_MUTED, text);
  MirrorLastItem(ui, "markets/price-date", MirrorRole::Status, text);
}

// Goods matching the home search in every market whose stalls are loaded (typing here loads them all),
// best first, each with its market and stall.
void DrawProductHits(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  if (s.market_search.size() < 2) return;
  SearchResults results = QuerySearch(s.search, s.market_search, 30);
  size_t loading = 0;
  for (const MarketLoad& load : s.market_loads) loading += load.state == LoadState::Loading;
  if (results.hits.empty() && loading == 0) return;
  Heading(ui, "markets/goods-heading", L(s.lang, "Dagangan yang cocok", "Matching goods"));
  if (loading > 0) {
    TextWrapped(fonts.small, colors::TEXT_MUTED, L(s.lang, "Memuat dagangan semua pasar...", "Loading every market's goods..."));
  }
  std::string last_group;
  for (const SearchHit& hit : results.hits) {
    if (hit.ref.market_pos >= s.catalog.markets.size() || hit.ref.market_pos >= s.catalog.index.markets.size()) continue;
    const std::optional<MarketFile>& file = s.catalog.markets[hit.ref.market_pos];
    if (!file || hit.ref.stall_pos >= file->stalls.size()) continue;
    const Stall& stall = file->stalls[hit.ref.stall_pos];
    if (hit.ref.product_pos >= stall.products.size()) continue;
    std::string group = s.catalog.index.markets[hit.ref.market_pos].name + " · " + stall.name;
    if (group != last_group) {
      SectionLabel(group);
      last_group = group;
    }
    DrawProductRow(ui, stall, stall.products[hit.ref.product_pos]);
  }
  if (results.total_matches > results.hits.size()) {
    char more[120];
    std::snprintf(more, sizeof(more), s.lang == Lang::En ? "%zu more: open a market to see its goods." :
                                                           "%zu lagi: buka pasarnya untuk melihat semua.",
                  results.total_matches - results.hits.size());
    TextWrapped(fonts.small, colors::TEXT_MUTED, more);
  }
}

}  // namespace

void DrawMarketsScreen(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  // Offline, the top says so at once, with the date of the prices the phone keeps.
  std::string subtitle = Tr(s.lang, Str::Tagline);
  if (!s.sync.online && !PriceDateText(s).empty()) {
    subtitle = std::string(L(s.lang, "Offline · ", "Offline · ")) + PriceDateText(s);
  }
  TopBar(ui, Tr(s.lang, Str::AppName), subtitle, false);
  BeginScrollArea(ui, "markets/scroll", BottomBarsHeightCss(ui, true, true));
  ImGui::Dummy(ImVec2(0, Px(2)));
  TextField(ui, FIELD_MARKET_SEARCH, Tr(s.lang, Str::SearchMarketsLabel), Tr(s.lang, Str::SearchMarketsPlaceholder),
            s.market_search, InputKind::Search);
  if (s.index_state != LoadState::Ready) {
    DrawLoadState(ui);
  } else {
    Heading(ui, "markets/heading", Tr(s.lang, Str::MarketsHeading));
    std::vector<const MarketInfo*> markets = FilterMarkets(s);
    const bool goods = s.market_search.size() >= 2 && !QuerySearch(s.search, s.market_search, 1).hits.empty();
    if (markets.empty() && !goods) {
      TextWrapped(fonts.body, colors::TEXT_MUTED, Tr(s.lang, Str::NoMarketMatch));
      if (Button(ui, "markets/clear-search", Tr(s.lang, Str::ClearSearch), false)) {
        ui.intents.push_back(SetText{FIELD_MARKET_SEARCH, ""});
      }
    }
    for (const MarketInfo* market : markets) DrawMarketCard(ui, *market);
    DrawPriceDate(ui);
    DrawProductHits(ui);
    ui.output.drew_catalog_data = true;
    ImGui::Dummy(ImVec2(0, Px(8)));
  }
  EndScrollArea(ui);
  DrawBottomBars(ui, true, true);
}

}  // namespace pasar
