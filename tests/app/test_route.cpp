#include <catch2/catch.hpp>

#include "app/route.h"

using namespace pasar;

TEST_CASE("route: empty and root hashes open the market list") {
  CHECK(ParseRouteHash("").screen == Screen::Markets);
  CHECK(ParseRouteHash("#").screen == Screen::Markets);
  CHECK(ParseRouteHash("#/").screen == Screen::Markets);
}

TEST_CASE("route: a market hash names the market and round-trips") {
  Route r = ParseRouteHash("#/pasar/pasar-tugu");
  CHECK(r.screen == Screen::Market);
  CHECK(r.market_id == "pasar-tugu");
  CHECK(RouteToHash(r) == "#/pasar/pasar-tugu");
  CHECK(ParseRouteHash(RouteToHash(r)) == r);
  CHECK(ParseRouteHash("#/pasar/pasar-tugu/") == r);
}

TEST_CASE("route: malformed market links fall back to the list instead of failing") {
  CHECK(ParseRouteHash("#/pasar/").screen == Screen::Markets);
  CHECK(ParseRouteHash("#/pasar/<script>").screen == Screen::Markets);
  CHECK(ParseRouteHash("#/pasar/Pasar Tugu").screen == Screen::Markets);
  CHECK(ParseRouteHash("#/unknown/page").screen == Screen::Markets);
  CHECK(ParseRouteHash("#/pasar/" + std::string(81, 'a')).screen == Screen::Markets);
}

TEST_CASE("route: the parent of a market is the market list") {
  Route r = ParseRouteHash("#/pasar/kud-mina-jaya");
  CHECK(ParentRoute(r).screen == Screen::Markets);
  CHECK(RouteToHash(ParentRoute(r)) == "#/");
}

TEST_CASE("route: stall, product and cart pages round-trip and know their market") {
  Route stall = ParseRouteHash("#/pasar/pasar-tugu/lapak/pasar-tugu.s3");
  CHECK(stall.screen == Screen::Stall);
  CHECK(stall.market_id == "pasar-tugu");
  CHECK(stall.stall_id == "pasar-tugu.s3");
  CHECK(ParseRouteHash(RouteToHash(stall)) == stall);
  Route product = ParseRouteHash("#/produk/pasar-tugu.s3.p12");
  CHECK(product.screen == Screen::Product);
  CHECK(product.market_id == "pasar-tugu");
  CHECK(product.stall_id == "pasar-tugu.s3");
  CHECK(ParseRouteHash(RouteToHash(product)) == product);
  CHECK(ParentRoute(product) == stall);
  CHECK(ParentRoute(stall) == MarketRoute("pasar-tugu"));
  CHECK(ParseRouteHash("#/keranjang").screen == Screen::Cart);
  // A stall link whose stall belongs to another market is refused.
  CHECK(ParseRouteHash("#/pasar/pasar-tugu/lapak/pasar-koga.s1").screen == Screen::Markets);
  CHECK(ParseRouteHash("#/produk/no-dot").screen == Screen::Markets);
}
