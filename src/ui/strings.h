// Words on screen, Indonesian first, English second. Every visible or spoken word is written in both languages
// in src/ui and nowhere else: core and app keep outcomes as codes with their data (QuantityProblem,
// CartChange, OrderResult, FieldError, CheckoutProblem, NoticeCode, FeeQuote, LoadError, a refusal's code),
// never a sentence. Each word is written once, in one of three places:
//   - a word several screens share: a Str through Tr() (the table in strings.cpp);
//   - a word one screen says: L(lang, "id", "en") at its call site;
//   - a sentence made from an outcome's code and data: a function of the word tables (words.h), written in
//     words.cpp (order states, sync, fees, loads), code_words.cpp (quantities, cart, orders, checkout,
//     notices) and refusal_words.cpp (serve.py's refusal codes). The tables use L() for their two languages.
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
