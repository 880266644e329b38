// Words on screen, Indonesian first, English second. Every visible or spoken string goes through Tr().
#pragma once

#include "app/app.h"

namespace pasar {

enum class Str {
  AppName,
  Tagline,
  SearchMarketsPlaceholder,
  SearchMarketsLabel,
  LoadingMarkets,
  Retry,
  Back,
  MarketsHeading,
  NoMarketMatch,
  ClearSearch,
  MarketNotFound,
  MarketNotFoundHelp,
  ToMarketList,
  Kecamatan,
  Hours,
  OrderCutoff,
  PickupPoint,
  AuctionDays,
  StallsAndProducts,
  KindPasar,
  KindKoperasi,
  KindKoperasiNelayan,
  MarketLoadingStalls,
  Language,
  Count_,
};

const char* Tr(Lang lang, Str id);
// For one-off words that appear on a single screen: both languages side by side at the call site.
inline const char* L(Lang lang, const char* id, const char* en) { return lang == Lang::En ? en : id; }
const char* WeekdayName(Lang lang, int weekday);  // 0 = Sunday

}  // namespace pasar
