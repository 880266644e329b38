// One market: what it is known for, when it is open, a search across its stalls, category chips, and
// its stalls.
#include <cstdio>
#include <set>

#include "core/money.h"
#include "ui/icons.h"
#include "ui/screens.h"
#include "ui/strings.h"
#include "ui/words.h"

namespace pasar {
namespace {

void InfoLine(const char* label, const std::string& value) {
  const UiFonts& fonts = GetUiFonts();
  TextWrapped(fonts.small, colors::TEXT_MUTED, label);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - Px(8));
  TextWrapped(fonts.body, colors::TEXT, value);
}

std::string Clock(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%02d.%02d", minutes / 60, minutes % 60);
  return buf;
}

void DrawMarketInfo(Ui& ui, const MarketInfo& market) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  BeginPanel("market/info");
  TextWrapped(fonts.bold, colors::PRIMARY_DARK, s.lang == Lang::En ? market.known_for_en : market.known_for_id);
  std::string hours = Clock(market.hours.open_min) + " – " + Clock(market.hours.close_min) + " WIB";
  if (s.now_min >= 0) hours += IsMarketOpenNow(s, market) ? L(s.lang, " · buka sekarang", " · open now")
                                                           : L(s.lang, " · sedang tutup", " · closed now");
  InfoLine(Tr(s.lang, Str::Hours), hours);
  InfoLine(Tr(s.lang, Str::OrderCutoff),
           Clock(market.hours.order_cutoff_min) + L(s.lang, " WIB (lewat dari itu: dikirim besok)", " WIB (later: delivered tomorrow)"));
  InfoLine(Tr(s.lang, Str::PickupPoint), market.pickup_point);
  if (!market.auction_days.empty()) {
    std::string days;
    for (int d : market.auction_days) days += (days.empty() ? "" : ", ") + std::string(WeekdayName(s.lang, d));
    InfoLine(Tr(s.lang, Str::AuctionDays), days);
  }
  EndPanel();
}

void DrawStallCard(Ui& ui, const Stall& stall, const std::string& category) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  int count = 0;
  std::vector<std::string> sample;
  for (const Product& p : stall.products) {
    if (!category.empty() && p.category != category) continue;
    count++;
    if (sample.size() < 12) sample.push_back(p.name);
  }
  if (count == 0) return;
  const std::string id = "stall/" + stall.id;
  const std::string card_name = stall.closed ? stall.name + ", " + L(s.lang, "Lapak tutup", "Stall closed") : stall.name;
  if (CardButton(ui, id, card_name, 76.0f)) ui.intents.push_back(OpenStall{stall.id});
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // The stall's trade as an icon on a tinted square, like the market cards' badges.
  const bool sea = stall.kind == "ikan" || stall.kind == "seafood" || stall.kind == "ikan_asin";
  const float badge = Px(44);
  ImVec2 ba(a.x + Px(14), (a.y + b.y - badge) * 0.5f);
  dl->AddRectFilled(ba, ImVec2(ba.x + badge, ba.y + badge), sea ? colors::CHIP_FISH : colors::CHIP_MARKET, Px(10));
  DrawGoodsIcon(dl, ImVec2(ba.x + badge * 0.5f, ba.y + badge * 0.5f), Px(14), stall.kind,
                sea ? IM_COL32(20, 90, 150, 255) : colors::PRIMARY);
  const float x = ba.x + badge + Px(12);
  ImVec4 clip(x, a.y, b.x - Px(14), b.y);
  float y = a.y + Px(14);
  dl->AddText(fonts.bold, fonts.bold->FontSize, ImVec2(x, y), colors::TEXT, stall.name.c_str(), nullptr, 0, &clip);
  y += fonts.bold->FontSize + Px(4);
  char head[64];
  std::snprintf(head, sizeof(head), s.lang == Lang::En ? "%d products · " : "%d produk · ", count);
  if (stall.closed) {
    const char* closed = L(s.lang, "Lapak tutup", "Stall closed");
    dl->AddText(fonts.small, fonts.small->FontSize, ImVec2(x, y), colors::ERROR_TEXT, closed, nullptr, 0, &clip);
    return;
  }
  const std::string line = FitList(fonts.small, clip.z - x, head, sample);
  dl->AddText(fonts.small, fonts.small->FontSize, ImVec2(x, y), colors::TEXT_MUTED, line.c_str(), nullptr, 0, &clip);
}

// Search results of the open market, grouped by stall in ranking order of each stall's best hit.
void DrawSearchResults(Ui& ui, size_t market_pos, const MarketFile& market) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  // Every loaded market is in the index: ask for enough hits that this market's own are never crowded out.
  SearchResults results = QuerySearch(s.search, s.product_search, 5000);
  std::vector<uint32_t> stall_order;
  std::vector<std::vector<uint32_t>> by_stall(market.stalls.size());
  for (const SearchHit& hit : results.hits) {
    if (hit.ref.market_pos != market_pos || hit.ref.stall_pos >= market.stalls.size()) continue;
    if (by_stall[hit.ref.stall_pos].empty()) stall_order.push_back(hit.ref.stall_pos);
    if (by_stall[hit.ref.stall_pos].size() < 8) by_stall[hit.ref.stall_pos].push_back(hit.ref.product_pos);
  }
  if (stall_order.empty()) {
    TextWrapped(fonts.body, colors::TEXT_MUTED,
                L(s.lang, "Tidak ada dagangan yang cocok di pasar ini. Coba kata lain, misalnya \"cabe\" atau \"ikan\".",
                  "Nothing in this market matches. Try another word, e.g. \"cabe\" or \"ikan\"."));
    return;
  }
  for (uint32_t stall_pos : stall_order) {
    const Stall& stall = market.stalls[stall_pos];
    SectionLabel(stall.name);
    for (uint32_t product_pos : by_stall[stall_pos]) {
      if (product_pos >= stall.products.size()) continue;
      DrawProductRow(ui, stall, stall.products[product_pos]);
    }
  }
}

}  // namespace

void DrawMarketScreen(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  size_t pos = 0;
  const MarketInfo* market = FindStateMarket(s, s.route.market_id, &pos);
  if (!market) {
    DrawMissingPage(ui);
    return;
  }
  if (TopBar(ui, market->name, market->kecamatan, true)) ui.intents.push_back(GoBack{});
  BeginScrollArea(ui, "market/scroll", BottomBarsHeightCss(ui, true));
  ImGui::Dummy(ImVec2(0, Px(2)));
  Heading(ui, "market/heading", market->name);
  TextField(ui, FIELD_PRODUCT_SEARCH, L(s.lang, "Cari di pasar ini", "Search this market"),
            L(s.lang, "Cari cabe, ikan, beras…", "Search chilli, fish, rice…"), s.product_search, InputKind::Search);
  const MarketFile* file = LoadedMarket(s, market->id);
  const MarketLoad* load = MarketLoadOf(s, market->id);
  if (!file) {
    if (load && load->state == LoadState::Failed) {
      TextWrapped(fonts.bold, colors::ERROR_TEXT, LoadProblemWords(s.lang, load->error, true));
      if (Button(ui, "market/retry", Tr(s.lang, Str::Retry), true)) ui.intents.push_back(RetryLoad{});
    } else {
      TextWrapped(fonts.body, colors::TEXT_MUTED, L(s.lang, "Memuat lapak pasar ini…", "Loading this market's stalls…"));
      MirrorLastItem(ui, "market/loading", MirrorRole::Status, L(s.lang, "Memuat lapak", "Loading stalls"));
    }
    DrawMarketInfo(ui, *market);
  } else if (!s.product_search.empty()) {
    DrawSearchResults(ui, pos, *file);
    ui.output.drew_catalog_data = true;
  } else {
    std::set<std::string> present;
    for (const Stall& stall : file->stalls) {
      for (const Product& p : stall.products) present.insert(p.category);
    }
    BeginChipRow();
    if (Chip(ui, "category/all", L(s.lang, "Semua", "All"), s.category.empty())) {
      ui.intents.push_back(SetCategory{""});
    }
    for (const Category& c : s.catalog.index.categories) {
      if (!present.count(c.id)) continue;
      if (Chip(ui, "category/" + c.id, s.lang == Lang::En ? c.name_en : c.name_id, s.category == c.id, c.id)) {
        ui.intents.push_back(SetCategory{c.id});
      }
    }
    char buf[64];
    std::snprintf(buf, sizeof(buf), s.lang == Lang::En ? "%d stalls" : "%d lapak", static_cast<int>(file->stalls.size()));
    SectionLabel(buf);
    for (const Stall& stall : file->stalls) DrawStallCard(ui, stall, s.category);
    SectionLabel(L(s.lang, "Tentang pasar ini", "About this market"));
    DrawMarketInfo(ui, *market);
    ui.output.drew_catalog_data = true;
  }
  ImGui::Dummy(ImVec2(0, Px(12)));
  EndScrollArea(ui);
  DrawBottomBars(ui, true);
}

}  // namespace pasar
