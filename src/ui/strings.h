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
const char* WeekdayName(Lang lang, int weekday);  // 0 = Sunday

}  // namespace pasar
