// One market: what it is known for, where and when, and (as the next issue lands) its stalls.
#include <cstdio>

#include "ui/screens.h"
#include "ui/strings.h"

namespace pasar {
namespace {

void InfoRow(const char* label, const std::string& value) {
  const UiFonts& fonts = GetUiFonts();
  TextWrapped(fonts.small, colors::TEXT_MUTED, label);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - Px(8));
  TextWrapped(fonts.body, colors::TEXT, value);
}

}  // namespace

void DrawMarketScreen(Ui& ui) {
  const AppState& s = ui.state;
  const UiFonts& fonts = GetUiFonts();
  const MarketInfo* market = FindStateMarket(s, s.route.market_id);
  if (!market) {
    if (TopBar(ui, Tr(s.lang, Str::AppName), "", true)) ui.intents.push_back(Intent{IntentKind::GoBack, "", "", 0});
    BeginScrollArea(ui, "market/scroll");
    ImGui::Dummy(ImVec2(0, Px(8)));
    if (s.index_state == LoadState::Ready) {
      Heading(ui, "market/not-found", Tr(s.lang, Str::MarketNotFound));
      TextWrapped(fonts.body, colors::TEXT_MUTED, Tr(s.lang, Str::MarketNotFoundHelp));
      if (Button(ui, "market/to-list", Tr(s.lang, Str::ToMarketList), true)) {
        ui.intents.push_back(Intent{IntentKind::GoBack, "", "", 0});
      }
    } else if (s.index_state == LoadState::Failed) {
      TextWrapped(fonts.bold, colors::ERROR_TEXT, s.lang == Lang::En ? s.index_error_en : s.index_error);
      if (Button(ui, "market/retry", Tr(s.lang, Str::Retry), true)) {
        ui.intents.push_back(Intent{IntentKind::RetryLoad, "", "", 0});
      }
    } else {
      TextWrapped(fonts.body, colors::TEXT_MUTED, Tr(s.lang, Str::LoadingMarkets));
    }
    EndScrollArea(ui);
    return;
  }

  if (TopBar(ui, market->name, market->kecamatan, true)) ui.intents.push_back(Intent{IntentKind::GoBack, "", "", 0});
  BeginScrollArea(ui, "market/scroll");
  ImGui::Dummy(ImVec2(0, Px(4)));
  Heading(ui, "market/heading", market->name);
  TextWrapped(fonts.body, colors::PRIMARY_DARK, s.lang == Lang::En ? market->known_for_en : market->known_for_id);
  char buf[160];
  std::snprintf(buf, sizeof(buf), Tr(s.lang, Str::StallsAndProducts), static_cast<int>(market->stall_count),
                static_cast<int>(market->product_count));
  TextWrapped(fonts.small, colors::TEXT_MUTED, buf);
  ImGui::Dummy(ImVec2(0, Px(4)));
  InfoRow(Tr(s.lang, Str::Kecamatan), market->kecamatan + " · " + market->address);
  std::snprintf(buf, sizeof(buf), "%02d.%02d – %02d.%02d WIB", market->hours.open_min / 60, market->hours.open_min % 60,
                market->hours.close_min / 60, market->hours.close_min % 60);
  InfoRow(Tr(s.lang, Str::Hours), buf);
  std::snprintf(buf, sizeof(buf), "%02d.%02d WIB", market->hours.order_cutoff_min / 60, market->hours.order_cutoff_min % 60);
  InfoRow(Tr(s.lang, Str::OrderCutoff), buf);
  InfoRow(Tr(s.lang, Str::PickupPoint), market->pickup_point);
  if (!market->auction_days.empty()) {
    std::string days;
    for (int d : market->auction_days) {
      if (!days.empty()) days += ", ";
      days += WeekdayName(s.lang, d);
    }
    InfoRow(Tr(s.lang, Str::AuctionDays), days);
  }
  ImGui::Dummy(ImVec2(0, Px(8)));
  ui.output.drew_catalog_data = true;
  EndScrollArea(ui);
}

}  // namespace pasar
