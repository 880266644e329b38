#include "app/app.h"

#include <cctype>

namespace pasar {
namespace {

constexpr size_t MAX_SEARCH_BYTES = 100;

// Cuts text to at most max_bytes without splitting a UTF-8 sequence.
std::string TruncateUtf8(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) end--;
  return text.substr(0, end);
}

std::string LowerAscii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string PageTitle(const AppState& state) {
  if (state.route.screen == Screen::Market) {
    if (const MarketInfo* market = FindStateMarket(state, state.route.market_id)) {
      return market->name + " · Pasar Daring";
    }
  }
  return "Pasar Daring";
}

void StartIndexLoad(AppState& state, Effects& effects) {
  if (state.index_state == LoadState::Loading) return;
  state.index_state = state.index_state == LoadState::Ready ? LoadState::Ready : LoadState::Loading;
  effects.fetches.push_back(FetchRequest{FetchKind::Index, INDEX_URL, ""});
}

void FailIndexLoad(AppState& state, std::string message_id, std::string message_en) {
  if (state.index_state == LoadState::Ready) return;  // keep showing what we have
  state.index_state = LoadState::Failed;
  state.index_error = std::move(message_id);
  state.index_error_en = std::move(message_en);
}

}  // namespace

Intents StartupIntents(const std::string& initial_hash) {
  Intents intents;
  intents.push_back(Intent{IntentKind::RouteChanged, "", initial_hash, 0});
  intents.push_back(Intent{IntentKind::RetryLoad, "", "", 0});
  return intents;
}

Intent MakeFetchResultIntent(const FetchRequest& request, int status, std::string body) {
  Intent intent;
  intent.id = request.key;
  if (status >= 200 && status < 300) {
    intent.kind = IntentKind::IndexLoaded;
    intent.text = std::move(body);
  } else {
    intent.kind = IntentKind::IndexFailed;
    intent.number = status;
    intent.text = status == 0 ? std::string("network") : "HTTP " + std::to_string(status);
  }
  return intent;
}

const MarketInfo* FindStateMarket(const AppState& state, const std::string& market_id) {
  for (const MarketInfo& market : state.index.markets) {
    if (market.id == market_id) return &market;
  }
  return nullptr;
}

std::vector<const MarketInfo*> FilterMarkets(const AppState& state) {
  std::vector<const MarketInfo*> out;
  std::string needle = LowerAscii(state.market_search);
  while (!needle.empty() && needle.back() == ' ') needle.pop_back();
  while (!needle.empty() && needle.front() == ' ') needle.erase(needle.begin());
  for (const MarketInfo& market : state.index.markets) {
    if (needle.empty() || LowerAscii(market.name).find(needle) != std::string::npos ||
        LowerAscii(market.kecamatan).find(needle) != std::string::npos ||
        LowerAscii(market.known_for_id).find(needle) != std::string::npos) {
      out.push_back(&market);
    }
  }
  return out;
}

void ApplyIntents(AppState& state, const Intents& intents, Effects& effects) {
  for (const Intent& intent : intents) {
    switch (intent.kind) {
      case IntentKind::OpenMarket: {
        Route target;
        target.screen = Screen::Market;
        target.market_id = intent.id;
        if (target != state.route) {
          state.route = target;
          effects.push_hash.push_back(RouteToHash(target));
          effects.title = PageTitle(state);
        }
        break;
      }
      case IntentKind::GoBack:
        effects.back_fallback_hash = RouteToHash(ParentRoute(state.route));
        break;
      case IntentKind::RouteChanged:
        state.route = ParseRouteHash(intent.text);
        effects.title = PageTitle(state);
        break;
      case IntentKind::SetText:
        if (intent.id == FIELD_MARKET_SEARCH) state.market_search = TruncateUtf8(intent.text, MAX_SEARCH_BYTES);
        break;
      case IntentKind::RetryLoad:
        StartIndexLoad(state, effects);
        break;
      case IntentKind::IndexLoaded: {
        Decoded<CatalogIndex> decoded = DecodeCatalogIndex(intent.text);
        if (!decoded.ok) {
          FailIndexLoad(state, "Data pasar rusak (" + FormatDecodeError(decoded.error) + ").",
                        "The market data is damaged (" + FormatDecodeError(decoded.error) + ").");
          break;
        }
        state.index = std::move(decoded.value);
        state.index_state = LoadState::Ready;
        state.index_error.clear();
        state.index_error_en.clear();
        effects.title = PageTitle(state);
        break;
      }
      case IntentKind::IndexFailed:
        if (intent.number == 0) {
          FailIndexLoad(state, "Tidak ada sambungan internet. Periksa data seluler atau Wi-Fi, lalu coba lagi.",
                        "No internet connection. Check mobile data or Wi-Fi, then try again.");
        } else {
          FailIndexLoad(state, "Server pasar sedang bermasalah (" + intent.text + "). Coba lagi sebentar lagi.",
                        "The market server has a problem (" + intent.text + "). Try again in a moment.");
        }
        break;
      case IntentKind::SetLanguage:
        state.lang = intent.number == static_cast<int64_t>(Lang::En) ? Lang::En : Lang::Id;
        break;
    }
  }
}

}  // namespace pasar
