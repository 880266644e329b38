// Words on screen, Indonesian first, English second. Every visible or spoken word is written in both languages
// in src/ui and nowhere else (core and app keep codes and data): a word several screens share is a Str
// through Tr() (the table in strings.cpp); a word one screen says is L(lang, "id", "en") at its call site;
// sentences made from an outcome (an order's state, a refusal's code) come from words.cpp and
// refusal_words.cpp.
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
