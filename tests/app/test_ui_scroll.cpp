// UI: where a page is scrolled when it opens. A page opened afresh starts at its top; a list the buyer goes
// back to is where they left it; and the first frame of a page already has the layout it keeps, so a finger
// that taps what it sees hits it (frames are drawn on demand: a layout that moved one frame later would
// take the tap somewhere else).
#include <catch2/catch.hpp>

#include "ui_fixtures.h"

using namespace pasar;
using test::Harness;

namespace {

// The item's box on the first frame after the route changed, and again once nothing moves any more.
struct TwoFrames {
  MirrorItem first;
  MirrorItem settled;
};

TwoFrames OpenAndSettle(Harness& h, const Route& route, const std::string& id) {
  h.state.route = route;
  h.Frame();
  const MirrorItem* first = h.FindId(id);
  REQUIRE(first != nullptr);
  TwoFrames out{*first, {}};
  h.Frames(5);
  const MirrorItem* settled = h.FindId(id);
  REQUIRE(settled != nullptr);
  out.settled = *settled;
  return out;
}

// Drags the page up by most of a screen, three times, and lets it coast to a stop.
void ScrollDown(Harness& h) {
  for (int i = 0; i < 3; i++) h.Drag(360.0f, 1200.0f, 300.0f);
  h.Frames(60);
}

}  // namespace

TEST_CASE("ui: back at checkout with a shorter form, the first frame already shows 'Pesan sekarang' where it stays") {
  // The order of the offline browser test: an order delivered (address fields, scrolled to the button),
  // then the next one picked up at the stall (a shorter form).
  Harness h;
  h.LoadPilotIndex();
  test::FillCart(h, "pasar-tugu");
  test::LoadedStore(h);
  h.state.delivery_method = DeliveryMethod::CoopCourier;
  h.state.area_id = test::FirstServedArea(h.state, "pasar-tugu");
  h.state.route = ScreenRoute(Screen::Checkout);
  h.Frames(2);
  const MirrorItem name_top = *h.FindId("checkout/name");
  test::ScrollTo(h, "checkout/place");
  ScrollDown(h);
  REQUIRE(h.FindId("checkout/name")->offscreen);

  h.state.route = ScreenRoute(Screen::Cart);
  h.Frames(2);
  h.state.delivery_method = DeliveryMethod::Pickup;
  const TwoFrames place = OpenAndSettle(h, ScreenRoute(Screen::Checkout), "checkout/place");
  CHECK(place.first.y == Approx(place.settled.y).margin(0.5));
  CHECK(place.first.offscreen == place.settled.offscreen);
  const MirrorItem* name = h.FindId("checkout/name");
  REQUIRE(name != nullptr);
  CHECK_FALSE(name->offscreen);
  CHECK(name->y == Approx(name_top.y).margin(0.5));  // the form opens at its top
}

TEST_CASE("ui: another market opens at its top even after the last one was scrolled far down") {
  Harness h;
  h.LoadPilotIndex();
  test::LoadMarket(h, "pasar-tugu");
  test::LoadMarket(h, "pasar-bawah");
  const TwoFrames fresh = OpenAndSettle(h, MarketRoute("pasar-tugu"), "market/heading");
  ScrollDown(h);
  REQUIRE(h.FindId("market/heading")->offscreen);

  const TwoFrames other = OpenAndSettle(h, MarketRoute("pasar-bawah"), "market/heading");
  CHECK_FALSE(other.first.offscreen);
  CHECK(other.first.y == Approx(fresh.settled.y).margin(0.5));
  CHECK(other.settled.y == Approx(fresh.settled.y).margin(0.5));
}

TEST_CASE("ui: back from a market, the market list is where the buyer left it, from the first frame") {
  Harness h;
  h.LoadPilotIndex();
  test::LoadMarket(h, "pasar-tugu");
  h.state.route = ScreenRoute(Screen::Markets);
  h.Frames(2);
  ScrollDown(h);
  const MirrorItem* tugu = h.FindId("market/pasar-tugu");
  REQUIRE(tugu != nullptr);
  const MirrorItem left = *tugu;

  h.state.route = MarketRoute("pasar-tugu");
  h.Frames(3);
  const TwoFrames back = OpenAndSettle(h, ScreenRoute(Screen::Markets), "market/pasar-tugu");
  CHECK(back.first.y == Approx(left.y).margin(0.5));
  CHECK(back.settled.y == Approx(left.y).margin(0.5));
}

TEST_CASE("ui: a page opened again after the buyer scrolled it, changed language and came back starts at the top, still") {
  // Pages that are not lists open at their top. Changing the language changes every page's length, which
  // is what made a page opened at its old offset jump a frame later.
  Harness h;
  h.LoadPilotIndex();
  test::FillCart(h, "pasar-tugu", 4);
  test::LoadedStore(h);
  h.state.delivery_method = DeliveryMethod::CoopCourier;
  h.state.area_id = test::FirstServedArea(h.state, "pasar-tugu");
  h.state.orders.push_back(test::MakeStoredOrder("7K3M9Q2XW4PA", OrderStatus::Accepted, 1764460800000));
  const MarketFile* file = LoadedMarket(h.state, "pasar-tugu");
  REQUIRE(file != nullptr);
  const std::vector<Route> pages = {ProductRoute(file->stalls.front().products.front().id), ScreenRoute(Screen::Cart),
                                    ScreenRoute(Screen::Checkout), OrderRoute("7K3M9Q2XW4PA"), ScreenRoute(Screen::Settings)};
  for (const Route& page : pages) {
    for (Lang lang : {Lang::En, Lang::Id}) {
      h.state.lang = lang == Lang::En ? Lang::Id : Lang::En;
      h.state.route = page;
      h.Frames(2);
      ScrollDown(h);
      h.state.route = ScreenRoute(Screen::Markets);
      h.Frames(2);
      h.state.lang = lang;
      h.state.route = page;
      h.Frame();
      const std::vector<MirrorItem> first = h.output.mirror.items;
      h.Frames(5);
      INFO("back to " << RouteToHash(page) << (lang == Lang::En ? " in English" : " in Indonesian"));
      REQUIRE(h.output.mirror.items.size() == first.size());
      for (size_t i = 0; i < first.size(); i++) {
        const MirrorItem& a = first[i];
        const MirrorItem& b = h.output.mirror.items[i];
        INFO(b.id);
        CHECK(a.id == b.id);
        CHECK(a.offscreen == b.offscreen);
        CHECK(a.y == Approx(b.y).margin(0.5));
      }
    }
  }
}
