#include "app/route.h"

namespace pasar {
namespace {

constexpr size_t MAX_ID_CHARS = 80;

bool IsSlug(std::string_view id) {
  if (id.empty() || id.size() > MAX_ID_CHARS) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// "pasar-tugu.s3.p12" -> "pasar-tugu"; the first `n` dot-separated parts.
std::string IdPrefix(std::string_view id, int parts) {
  size_t pos = 0;
  for (int i = 0; i < parts; i++) {
    pos = id.find('.', pos);
    if (pos == std::string_view::npos) return std::string(id);
    if (i + 1 < parts) pos++;
  }
  return std::string(id.substr(0, pos));
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

bool operator==(const Route& a, const Route& b) {
  return a.screen == b.screen && a.market_id == b.market_id && a.stall_id == b.stall_id &&
         a.product_id == b.product_id && a.order_id == b.order_id;
}

Route ScreenRoute(Screen screen) {
  Route r;
  r.screen = screen;
  return r;
}

Route OrderRoute(const std::string& order_id) {
  Route r;
  r.screen = Screen::Order;
  r.order_id = order_id;
  return r;
}

Route MarketRoute(const std::string& market_id) {
  Route r;
  r.screen = Screen::Market;
  r.market_id = market_id;
  return r;
}

Route StallRoute(const std::string& stall_id) {
  Route r;
  r.screen = Screen::Stall;
  r.stall_id = stall_id;
  r.market_id = IdPrefix(stall_id, 1);
  return r;
}

Route ProductRoute(const std::string& product_id) {
  Route r;
  r.screen = Screen::Product;
  r.product_id = product_id;
  r.stall_id = IdPrefix(product_id, 2);
  r.market_id = IdPrefix(product_id, 1);
  return r;
}

Route ParseRouteHash(std::string_view hash) {
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  if (!hash.empty() && hash.front() == '/') hash.remove_prefix(1);
  while (!hash.empty() && hash.back() == '/') hash.remove_suffix(1);
  if (hash == "keranjang") return ScreenRoute(Screen::Cart);
  if (hash == "keranjang/pesan") return ScreenRoute(Screen::Checkout);
  if (hash == "pesanan") return ScreenRoute(Screen::Orders);
  if (hash == "pengaturan") return ScreenRoute(Screen::Settings);
  if (StartsWith(hash, "pesanan/")) {
    std::string_view id = hash.substr(8);
    bool ok = id.size() == 12;
    for (char c : id) ok = ok && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'));
    return ok ? OrderRoute(std::string(id)) : ScreenRoute(Screen::Orders);
  }
  if (StartsWith(hash, "produk/")) {
    std::string_view id = hash.substr(7);
    if (IsSlug(id) && id.find('.') != std::string_view::npos) return ProductRoute(std::string(id));
    return Route{};
  }
  if (StartsWith(hash, "pasar/")) {
    std::string_view rest = hash.substr(6);
    size_t slash = rest.find('/');
    std::string_view market = rest.substr(0, slash);
    if (!IsSlug(market)) return Route{};
    if (slash == std::string_view::npos) return MarketRoute(std::string(market));
    std::string_view tail = rest.substr(slash + 1);
    if (StartsWith(tail, "lapak/")) {
      std::string_view stall = tail.substr(6);
      if (IsSlug(stall) && IdPrefix(stall, 1) == market && stall.size() > market.size()) {
        return StallRoute(std::string(stall));
      }
    }
    return Route{};
  }
  return Route{};
}

std::string RouteToHash(const Route& route) {
  switch (route.screen) {
    case Screen::Market: return "#/pasar/" + route.market_id;
    case Screen::Stall: return "#/pasar/" + route.market_id + "/lapak/" + route.stall_id;
    case Screen::Product: return "#/produk/" + route.product_id;
    case Screen::Cart: return "#/keranjang";
    case Screen::Checkout: return "#/keranjang/pesan";
    case Screen::Orders: return "#/pesanan";
    case Screen::Order: return "#/pesanan/" + route.order_id;
    case Screen::Settings: return "#/pengaturan";
    case Screen::Markets: break;
  }
  return "#/";
}

Route ParentRoute(const Route& route) {
  switch (route.screen) {
    case Screen::Stall: return MarketRoute(route.market_id);
    case Screen::Product: return StallRoute(route.stall_id);
    case Screen::Checkout: return ScreenRoute(Screen::Cart);
    case Screen::Order: return ScreenRoute(Screen::Orders);
    case Screen::Orders:
    case Screen::Settings:
    case Screen::Market:
    case Screen::Cart:
    case Screen::Markets: break;
  }
  return Route{};
}

}  // namespace pasar
