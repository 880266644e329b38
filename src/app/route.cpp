#include "app/route.h"

namespace pasar {
namespace {

bool IsSlugChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

}  // namespace

bool operator==(const Route& a, const Route& b) { return a.screen == b.screen && a.market_id == b.market_id; }

Route ParseRouteHash(std::string_view hash) {
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  if (!hash.empty() && hash.front() == '/') hash.remove_prefix(1);
  while (!hash.empty() && hash.back() == '/') hash.remove_suffix(1);
  constexpr std::string_view MARKET_PREFIX = "pasar/";
  Route route;
  if (hash.substr(0, MARKET_PREFIX.size()) == MARKET_PREFIX) {
    std::string_view id = hash.substr(MARKET_PREFIX.size());
    bool ok = !id.empty() && id.size() <= 64;
    for (char c : id) ok = ok && IsSlugChar(c);
    if (ok) {
      route.screen = Screen::Market;
      route.market_id = std::string(id);
    }
  }
  return route;
}

std::string RouteToHash(const Route& route) {
  switch (route.screen) {
    case Screen::Market: return "#/pasar/" + route.market_id;
    case Screen::Markets: break;
  }
  return "#/";
}

Route ParentRoute(const Route& route) {
  (void)route;
  return Route{};
}

}  // namespace pasar
