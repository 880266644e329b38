#include <catch2/catch.hpp>

#include "app/app.h"
#include "ui_harness.h"

using namespace pasar;

namespace {

AppState Started(Effects& effects, const std::string& hash = "") {
  AppState state;
  ApplyIntents(state, StartupIntents(hash), effects);
  return state;
}

}  // namespace

TEST_CASE("app: startup shows the URL's page and loads the catalogue index once") {
  Effects effects;
  AppState state = Started(effects, "#/pasar/pasar-tugu");
  CHECK(state.route.screen == Screen::Market);
  CHECK(state.index_state == LoadState::Loading);
  REQUIRE(effects.fetches.size() == 1);
  CHECK(effects.fetches[0].url == INDEX_URL);
  // A second retry while loading does not start a second download.
  Effects again;
  ApplyIntents(state, {RetryLoad{}}, again);
  CHECK(again.fetches.empty());
}

TEST_CASE("app: the pilot index loads and lists the 14 markets in order") {
  Effects effects;
  AppState state = Started(effects);
  ApplyIntents(state, {IndexLoaded{test::PilotIndexText()}}, effects);
  REQUIRE(state.index_state == LoadState::Ready);
  REQUIRE(state.catalog.index.markets.size() == 14);
  CHECK(state.catalog.index.markets[0].name == "Pasar Pasir Gintung");
  CHECK(FindStateMarket(state, "kud-mina-jaya") != nullptr);
  CHECK(FilterMarkets(state).size() == 14);
}

TEST_CASE("app: a network failure says so in words and a retry recovers") {
  Effects effects;
  AppState state = Started(effects);
  ApplyIntents(state, {MakeFetchResultIntent(FetchRequest{FetchKind::Index, INDEX_URL, ""}, 0, "")}, effects);
  CHECK(state.index_state == LoadState::Failed);
  CHECK(state.index_error.problem == LoadProblem::Offline);
  Effects retry;
  ApplyIntents(state, {RetryLoad{}}, retry);
  CHECK(state.index_state == LoadState::Loading);
  CHECK(retry.fetches.size() == 1);
  ApplyIntents(state, {IndexLoaded{test::PilotIndexText()}}, retry);
  CHECK(state.index_state == LoadState::Ready);
}

TEST_CASE("app: an HTTP error and a damaged document are reported with their cause") {
  Effects effects;
  AppState state = Started(effects);
  ApplyIntents(state, {MakeFetchResultIntent(FetchRequest{FetchKind::Index, INDEX_URL, ""}, 503, "")}, effects);
  CHECK(state.index_state == LoadState::Failed);
  CHECK(state.index_error.problem == LoadProblem::HttpStatus);
  CHECK(state.index_error.http_status == 503);

  AppState damaged = Started(effects);
  ApplyIntents(damaged, {IndexLoaded{"{\"format_version\":1,\"markets\":7}"}}, effects);
  CHECK(damaged.index_state == LoadState::Failed);
  CHECK(damaged.index_error.problem == LoadProblem::Damaged);
  CHECK_FALSE(damaged.index_error.decode.message.empty());  // kept for logs, never shown
}

TEST_CASE("app: a failed reload keeps the markets already shown") {
  Effects effects;
  AppState state = Started(effects);
  ApplyIntents(state, {IndexLoaded{test::PilotIndexText()}}, effects);
  Effects retry;
  ApplyIntents(state, {RetryLoad{}}, retry);
  CHECK(retry.fetches.empty());  // a loaded index is not downloaded again
  ApplyIntents(state, {IndexFailed{0}}, effects);
  CHECK(state.index_state == LoadState::Ready);
  CHECK(state.catalog.index.markets.size() == 14);
}

TEST_CASE("app: opening a market pushes one history entry, back asks the browser with the list as fallback") {
  Effects effects;
  AppState state = Started(effects);
  ApplyIntents(state, {IndexLoaded{test::PilotIndexText()}}, effects);
  Effects open;
  ApplyIntents(state, {OpenMarket{"pasar-tugu"}}, open);
  CHECK(state.route.screen == Screen::Market);
  REQUIRE(open.push_hash.size() == 1);
  CHECK(open.push_hash[0] == "#/pasar/pasar-tugu");
  CHECK(open.title == "Pasar Tugu · Pasar Daring");
  // Tapping the same market twice (a double tap) does not stack two entries.
  Effects twice;
  ApplyIntents(state, {OpenMarket{"pasar-tugu"}}, twice);
  CHECK(twice.push_hash.empty());

  Effects back;
  ApplyIntents(state, {GoBack{}}, back);
  CHECK(back.back_fallback_hash == "#/");
  ApplyIntents(state, {RouteChanged{"#/"}}, back);
  CHECK(state.route.screen == Screen::Markets);
}

TEST_CASE("app: the market search filters by name, kecamatan and speciality, ignoring case") {
  Effects effects;
  AppState state = Started(effects);
  ApplyIntents(state, {IndexLoaded{test::PilotIndexText()}}, effects);
  ApplyIntents(state, {SetText{FIELD_MARKET_SEARCH, "TUGU"}}, effects);
  auto markets = FilterMarkets(state);
  REQUIRE(markets.size() == 1);
  CHECK(markets[0]->id == "pasar-tugu");
  ApplyIntents(state, {SetText{FIELD_MARKET_SEARCH, "teri"}}, effects);
  bool kota_karang = false;
  for (const MarketInfo* m : FilterMarkets(state)) kota_karang = kota_karang || m->id == "pasar-kota-karang";
  CHECK(kota_karang);
  ApplyIntents(state, {SetText{FIELD_MARKET_SEARCH, "zzzz"}}, effects);
  CHECK(FilterMarkets(state).empty());
}

TEST_CASE("app: a pasted search longer than the limit is cut on a UTF-8 boundary") {
  Effects effects;
  AppState state = Started(effects);
  std::string long_text;
  for (int i = 0; i < 80; i++) long_text += "é";  // 2 bytes each
  ApplyIntents(state, {SetText{FIELD_MARKET_SEARCH, long_text}}, effects);
  CHECK(state.market_search.size() <= 100);
  CHECK(state.market_search.size() % 2 == 0);
}
