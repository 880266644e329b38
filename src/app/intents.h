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
  GoBack,           // the in-app back button
  RouteChanged,     // text: URL hash. From the browser (back key, initial URL): no history entry pushed.
  SetText,          // id: field id, text: the field's whole new value (typed in the mirror's <input>)
  RetryLoad,        // try loading the catalogue index again
  IndexLoaded,      // text: body of data/index.json
  IndexFailed,      // text: why the fetch failed (network, HTTP status)
  SetLanguage,      // number: Lang
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
