// A buyer who is online sees new prices, sold-out products and closed stalls without reloading: the pulls
// that carry them (interval while the catalogue is on screen, shown again, back online) and the stall patch
// (Lapak tutup: nothing of it can be added, a cart line of it must go before checkout).
#include <catch2/catch.hpp>

#include "ui/words.h"

#include "phone_fixture.h"

using namespace pasar;

namespace {

std::string ReplyWith(std::vector<PatchEntry> patch, int64_t cookie) {
  SyncReply reply;
  reply.cookie = cookie;
  reply.patch = std::move(patch);
  return EncodeSyncReply(reply);
}

PatchEntry StallOp(const std::string& stall_id, bool open) {
  PatchEntry e;
  e.op = PatchOp::Stall;
  e.stall.stall_id = stall_id;
  e.stall.market_id = stall_id.substr(0, stall_id.find('.'));
  e.stall.open = open;
  return e;
}

// Runs one batch and says whether it started a push (a pull when the outbox is empty).
bool Pulls(Phone& p, Intents batch) {
  p.Clear();
  p.Apply(std::move(batch));
  return !p.effects.sync_body.empty();
}

void AnswerPull(Phone& p, std::vector<PatchEntry> patch = {}, int64_t cookie = 2) {
  REQUIRE(p.state.sync.in_flight);
  p.Clear();
  p.Apply({SyncReplied{200, ReplyWith(std::move(patch), cookie)}});
  REQUIRE_FALSE(p.state.sync.in_flight);
}

}  // namespace

TEST_CASE("freshness: a visible catalogue page pulls every 30 s; home, hidden pages and a fresh pull do not") {
  Phone p;
  p.Boot();
  p.AnswerPull();
  REQUIRE(p.state.route.screen == Screen::Markets);
  p.now += CATALOG_PULL_EVERY_MS + 1000;
  CHECK_FALSE(Pulls(p, {TimerFired{}}));  // the market list has no prices
  // Opening a market after a long while catches up at once.
  CHECK(Pulls(p, {OpenMarket{"pasar-tugu"}}));
  AnswerPull(p);
  CHECK(p.effects.wake_after_ms == CATALOG_PULL_EVERY_MS);
  p.now += 10000;
  CHECK_FALSE(Pulls(p, {TimerFired{}}));
  CHECK(p.effects.wake_after_ms == CATALOG_PULL_EVERY_MS - 10000);  // the timer for the next one
  p.now += CATALOG_PULL_EVERY_MS - 10000;
  CHECK(Pulls(p, {TimerFired{}}));
  AnswerPull(p, {}, 3);

  // Hidden: no pulls, however long; shown again: one at once.
  CHECK_FALSE(Pulls(p, {SetVisible{false}}));
  p.now += 5 * CATALOG_PULL_EVERY_MS;
  CHECK_FALSE(Pulls(p, {TimerFired{}}));
  CHECK(p.effects.wake_after_ms < 0);  // and no timer keeps a hidden page busy
  CHECK(Pulls(p, {SetVisible{true}}));
  AnswerPull(p, {}, 4);

  // Shown again right after a pull: no second request (serve.py limits each client's rate).
  p.now += 100;
  p.Apply({SetVisible{false}});
  CHECK_FALSE(Pulls(p, {SetVisible{true}}));

  // Back online pulls at once.
  p.Apply({SetOnline{false}});
  p.now += 1000;
  CHECK(Pulls(p, {SetOnline{true}}));
  AnswerPull(p, {}, 5);

  // A test shortens the interval, never below a second.
  p.Apply({SetPullEvery{2000}});
  p.now += 2000;
  CHECK(Pulls(p, {TimerFired{}}));
  AnswerPull(p, {}, 6);
  p.Apply({SetPullEvery{10}});
  CHECK(p.state.sync.catalog_pull_every_ms == MIN_PULL_EVERY_MS);
}

TEST_CASE("freshness: a stall patch closes a stall: nothing of it is added, its cart line blocks the order") {
  Phone p;
  p.Boot();
  p.AnswerPull();
  p.FillCart();  // chilli from one stall, kangkung from another; the cart is on screen
  const std::string closed_stall = p.state.cart.lines[0].stall_id;
  const std::string product_id = p.state.cart.lines[0].product_id;
  REQUIRE(closed_stall != p.state.cart.lines[1].stall_id);
  p.now += CATALOG_PULL_EVERY_MS;
  REQUIRE(Pulls(p, {TimerFired{}}));
  AnswerPull(p, {StallOp(closed_stall, false)});
  const MarketFile* market = LoadedMarket(p.state, "pasar-tugu");
  REQUIRE(market);
  CHECK(FindStall(*market, closed_stall)->closed);
  // Its products cannot be added (the screen shows the button disabled; the intent is refused anyway).
  const size_t lines = p.state.cart.lines.size();
  p.Apply({OpenProduct{product_id}, ChooseStep{500},
           AddProduct{}});
  CHECK(p.state.cart.lines.size() == lines);
  CHECK(p.state.cart.lines[0].qty_milli == 250);
  CHECK(p.state.notice.error);
  // The cart line is flagged, and checkout places nothing while it is there.
  PricedCart priced = PriceCart(p.state.cart, *market);
  CHECK(priced.unavailable_count == 1);
  p.FillCheckout("081234567890");
  p.Clear();
  p.Apply({PlaceOrder{}});
  CHECK(p.state.orders.empty());
  CHECK(p.state.outbox.pending.empty());
  CHECK(p.state.checkout.problem != CheckoutProblem::None);
  CHECK_FALSE(CheckoutProblemWords(Lang::Id, p.state.checkout).empty());

  // The patch is kept on the phone: a restart with the saved files shows the stall closed again.
  p.Apply({SetLanguage{Lang::Id}});  // any change that writes prefs.json
  const std::string prefs = p.FileWritten(FILE_PREFS);
  REQUIRE(prefs.find("stall_patches") != std::string::npos);
  Phone again;
  again.Boot({{FILE_PREFS, prefs}});
  CHECK(FindStall(*LoadedMarket(again.state, "pasar-tugu"), closed_stall)->closed);

  // Open again: the line counts again and the order goes.
  p.now += CATALOG_PULL_EVERY_MS;
  REQUIRE(Pulls(p, {OpenCart{}}));  // due: the batch that shows the cart pulls
  AnswerPull(p, {StallOp(closed_stall, true)}, 3);
  CHECK_FALSE(FindStall(*LoadedMarket(p.state, "pasar-tugu"), closed_stall)->closed);
  CHECK(PriceCart(p.state.cart, *LoadedMarket(p.state, "pasar-tugu")).unavailable_count == 0);
  p.FillCheckout("081234567890");
  p.Clear();
  p.Apply({PlaceOrder{}});
  CHECK(p.state.orders.size() == 1);
}

TEST_CASE("freshness: market_reset fetches a loaded market again and its new file replaces the products") {
  Phone p;
  p.Boot();
  p.AnswerPull();
  p.Apply({OpenMarket{"pasar-tugu"}});
  REQUIRE(LoadedMarket(p.state, "pasar-tugu"));
  PatchEntry reset;
  reset.op = PatchOp::MarketReset;
  reset.market_reset.market_id = "pasar-tugu";
  reset.market_reset.catalog_version = "2";
  reset.market_reset.market_url = "/data/markets/pasar-tugu.json";
  p.now += CATALOG_PULL_EVERY_MS;
  REQUIRE(Pulls(p, {TimerFired{}}));
  AnswerPull(p, {reset});
  REQUIRE(p.effects.fetches.size() == 1);
  CHECK(p.effects.fetches[0].kind == FetchKind::Market);
  CHECK(p.effects.fetches[0].url == "data/markets/pasar-tugu.json");
  CHECK(p.effects.fetches[0].key == "pasar-tugu");
  // The market stays on screen while it loads, and a failed fetch keeps it.
  p.Apply({MarketFailed{"pasar-tugu", 0}});
  CHECK(MarketLoadOf(p.state, "pasar-tugu")->state == LoadState::Ready);
  CHECK(LoadedMarket(p.state, "pasar-tugu"));

  // A market never opened is not fetched: it loads fresh when opened.
  reset.market_reset.market_id = "pasar-bawah";
  reset.market_reset.market_url = "/data/markets/pasar-bawah.json";
  p.now += CATALOG_PULL_EVERY_MS;
  REQUIRE(Pulls(p, {TimerFired{}}));
  AnswerPull(p, {reset}, 3);
  CHECK(p.effects.fetches.empty());
}
