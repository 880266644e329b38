// AppState and ApplyIntents(): the app's whole state and the only function that changes it.
//
// STATE LIFECYCLE OF THE CATALOGUE INDEX
//   Idle -> Loading     at start (StartupIntents) or when the buyer taps "Coba lagi"
//   Loading -> Ready    the index arrived and decoded; markets are shown
//   Loading -> Failed   network failure, HTTP error, or a document that does not decode; the screen says
//                       which in words and offers "Coba lagi". A failed reload never drops a Ready index.
#pragma once

#include <string>
#include <vector>

#include "app/intents.h"
#include "app/route.h"
#include "core/catalog.h"

namespace pasar {

enum class Lang { Id, En };

enum class LoadState { Idle, Loading, Ready, Failed };

// Field ids of the text boxes the app owns (mirror ids of their <input> elements too).
constexpr const char* FIELD_MARKET_SEARCH = "markets/search";

struct AppState {
  Lang lang = Lang::Id;
  Route route;
  LoadState index_state = LoadState::Idle;
  std::string index_error;  // why the last load failed, in the buyer's words (Indonesian)
  std::string index_error_en;
  CatalogIndex index;
  std::string market_search;  // text of the search field on the markets list
};

// The intents a fresh start needs: show the page the URL names, and load the catalogue index.
Intents StartupIntents(const std::string& initial_hash);

// Turns a finished fetch into the intent that reports it (status 0 = network failure).
Intent MakeFetchResultIntent(const FetchRequest& request, int status, std::string body);

void ApplyIntents(AppState& state, const Intents& intents, Effects& effects);

// Markets whose name, kecamatan or speciality matches the search text (case-insensitive), in index order.
std::vector<const MarketInfo*> FilterMarkets(const AppState& state);
const MarketInfo* FindStateMarket(const AppState& state, const std::string& market_id);

constexpr const char* INDEX_URL = "data/index.json";

}  // namespace pasar
