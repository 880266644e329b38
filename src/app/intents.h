// Intents and effects: the only way anything changes.
//
// Screens draw from a const AppState and push Intents ("the buyer tapped Pasar Tugu"); platform events
// (a finished fetch, the browser's back key) arrive as Intents too. ApplyIntents() is the ONLY function
// that mutates AppState. What the state change asks of the outside world (push a history entry, fetch a
// file, set a performance mark) comes back as Effects, which the platform layer carries out. So the whole
// app logic runs natively in tests with no browser: feed intents, check state and effects.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pasar {

enum class IntentKind {
  OpenMarket,       // id: market id. A user navigation: pushes a history entry.
  OpenStall,        // id: stall id
  OpenProduct,      // id: product id
  OpenCart,
  OpenHome,         // the market list
  GoBack,           // the in-app back button
  RouteChanged,     // text: URL hash. From the browser (back key, initial URL): no history entry pushed.
  SetText,          // id: field id, text: the field's whole new value (typed in the mirror's <input>)
  RetryLoad,        // try loading the catalogue index again
  IndexLoaded,      // text: body of data/index.json
  IndexFailed,      // text: why the fetch failed (network, HTTP status)
  SetLanguage,      // number: Lang
  MarketLoaded,     // id: market id, text: body of its market file
  MarketFailed,     // id: market id, text: reason, number: HTTP status or 0 for the network
  SetCategory,      // id: category id on the market page ("" = all)
  ChooseStep,       // number: qty_milli of a sale step on the product page
  SetSubstitution,  // number: Substitution
  AddToCart,        // the product page's "add" button
  ReplaceCartAndAdd,  // the buyer agreed to empty a cart of another market
  CancelReplace,
  CartChangeQty,    // number: line position, text: "+" or "-" (one step)
  CartRemoveLine,   // number: line position
  SetDeliveryMethod,  // id: "pickup", "coop_courier", "ojek", "stall"
  SetArea,          // id: delivery area id
  DismissNotice,
  Tick,             // number: minutes since midnight WIB * 10 + weekday (0 = Sunday); the platform's clock
};

struct Intent {
  IntentKind kind = IntentKind::RetryLoad;
  std::string id;
  std::string text;
  int64_t number = 0;
};

using Intents = std::vector<Intent>;

enum class FetchKind { Index, Market };

struct FetchRequest {
  FetchKind kind = FetchKind::Index;
  std::string url;   // relative to the page
  std::string key;   // market id for FetchKind::Market
};

struct Effects {
  std::vector<std::string> push_hash;   // history.pushState, in order
  std::string replace_hash;             // history.replaceState when non-empty
  std::string back_fallback_hash;       // non-empty: go back; history.back() when the app pushed an
                                        // entry, else replace the URL with this parent page
  std::vector<FetchRequest> fetches;
  std::vector<std::string> marks;       // performance.mark names
  std::string title;                    // document.title when non-empty
};

}  // namespace pasar
