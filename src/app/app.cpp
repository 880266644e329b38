#include "app/app.h"

#include <cctype>

#include "app/app_internal.h"

namespace pasar {
namespace {

std::string LowerAscii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::string TruncateUtf8(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) end--;
  return text.substr(0, end);
}

Intents StartupIntents(const std::string& initial_hash) {
  Intents intents;  // pushed one by one: an initializer list would copy each intent
  intents.push_back(RouteChanged{initial_hash});
  intents.push_back(RetryLoad{});
  return intents;
}

Intent MakeFetchResultIntent(const FetchRequest& request, int status, std::string body) {
  const bool ok = status >= 200 && status < 300;
  if (request.kind == FetchKind::Market) {
    if (ok) return MarketLoaded{request.key, std::move(body)};
    return MarketFailed{request.key, status};
  }
  if (ok) return IndexLoaded{std::move(body)};
  return IndexFailed{status};
}

const MarketInfo* FindStateMarket(const AppState& state, const std::string& market_id, size_t* pos) {
  return FindMarket(state.catalog.index, market_id, pos);
}

std::vector<const MarketInfo*> FilterMarkets(const AppState& state) {
  std::vector<const MarketInfo*> out;
  std::string needle = LowerAscii(state.market_search);
  while (!needle.empty() && needle.back() == ' ') needle.pop_back();
  while (!needle.empty() && needle.front() == ' ') needle.erase(needle.begin());
  for (const MarketInfo& market : state.catalog.index.markets) {
    if (needle.empty() || LowerAscii(market.name).find(needle) != std::string::npos ||
        LowerAscii(market.kecamatan).find(needle) != std::string::npos ||
        LowerAscii(market.known_for_id).find(needle) != std::string::npos) {
      out.push_back(&market);
    }
  }
  return out;
}

bool IsMarketOpenNow(const AppState& state, const MarketInfo& market) {
  if (state.now_min < 0) return false;
  return state.now_min >= market.hours.open_min && state.now_min < market.hours.close_min;
}

}  // namespace pasar
