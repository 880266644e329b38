// Routes: which page the app shows, and how a page is named in the URL.
//
// The URL names the page as a hash (`#/pasar/pasar-tugu`), so deep links and the phone's back key work on
// any static host and from the service worker's cache, without server-side routing.
#pragma once

#include <string>
#include <string_view>

namespace pasar {

enum class Screen {
  Markets,  // the list of pilot markets (home)
  Market,   // one market
};

struct Route {
  Screen screen = Screen::Markets;
  std::string market_id;  // Screen::Market
};

bool operator==(const Route& a, const Route& b);
inline bool operator!=(const Route& a, const Route& b) { return !(a == b); }

// "#/" or "" -> Markets; "#/pasar/<id>" -> Market. Unknown shapes fall back to Markets, so a mistyped
// link still opens the app instead of an error page.
Route ParseRouteHash(std::string_view hash);
std::string RouteToHash(const Route& route);
// The page one level up: where the in-app back button goes when there is no browser history to go back to.
Route ParentRoute(const Route& route);

}  // namespace pasar
