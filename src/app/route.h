// Routes: which page the app shows, and how a page is named in the URL.
//
// The URL names the page as a hash, so deep links and the phone's back key work on any static host and
// from the service worker's cache, without server-side routing:
//   #/                              the market list (home)
//   #/pasar/<market>                a market: categories, stalls, search
//   #/pasar/<market>/lapak/<stall>  a stall's products
//   #/produk/<product>              one product (price, quantity, note, add to cart)
//   #/keranjang                     the cart
//   #/keranjang/pesan               checkout (the cart's market)
//   #/pesanan                       My orders
//   #/pesanan/<ORDER-ID>            one order: its state and history (12 Crockford base32 characters)
//   #/pengaturan                    settings: language, storage on this phone, about
// Product and stall ids start with their market id (`pasar-tugu.s3.p12`), so a product link alone is enough
// to know which market file to load.
#pragma once

#include <string>
#include <string_view>

namespace pasar {

enum class Screen { Markets, Market, Stall, Product, Cart, Checkout, Orders, Order, Settings };

struct Route {
  Screen screen = Screen::Markets;
  std::string market_id;   // Market, Stall, Product
  std::string stall_id;    // Stall, Product
  std::string product_id;  // Product
  std::string order_id;    // Order
};

bool operator==(const Route& a, const Route& b);
inline bool operator!=(const Route& a, const Route& b) { return !(a == b); }

// Unknown or malformed shapes fall back to the market list, so a mistyped link still opens the app.
Route ParseRouteHash(std::string_view hash);
std::string RouteToHash(const Route& route);
// The page one level up: where the in-app back button goes when there is no browser history to go back to.
Route ParentRoute(const Route& route);

Route MarketRoute(const std::string& market_id);
Route StallRoute(const std::string& stall_id);      // market taken from the id's prefix
Route ProductRoute(const std::string& product_id);  // market and stall taken from the id's prefix
Route ScreenRoute(Screen screen);                   // Cart, Checkout, Orders, Settings, Markets
Route OrderRoute(const std::string& order_id);

}  // namespace pasar
