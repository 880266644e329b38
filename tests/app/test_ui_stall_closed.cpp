// A closed stall on screen (headless frames): its card and page say "Lapak tutup", its product's add button
// is there but disabled (in the mirror too, so a screen reader says so), and its cart line is flagged.
#include <catch2/catch.hpp>

#include "ui_fixtures.h"

using namespace pasar;
using test::Harness;

namespace {

void CloseStall(Harness& h, const std::string& stall_id) {
  h.state.stall_patches.push_back(StallPatch{stall_id, false});
  h.Apply({MarketLoaded{"pasar-tugu", test::MarketFileText("pasar-tugu")}});  // reapplies
  REQUIRE(FindStall(*LoadedMarket(h.state, "pasar-tugu"), stall_id)->closed);
}

}  // namespace

TEST_CASE("ui: a closed stall says Lapak tutup on its card, its page and its products; adding is disabled") {
  Harness h;
  h.LoadPilotIndex();
  test::LoadMarket(h, "pasar-tugu");
  const std::string stall = "pasar-tugu.s3";
  CloseStall(h, stall);
  const Stall* closed = FindStall(*LoadedMarket(h.state, "pasar-tugu"), stall);

  h.Apply({OpenMarket{"pasar-tugu"}});
  h.Frames(2);
  const MirrorItem* card = h.FindId("stall/" + stall);
  REQUIRE(card != nullptr);
  CHECK(card->name == closed->name + ", Lapak tutup");
  CHECK(h.FindId("stall/pasar-tugu.s1")->name == "Los Sayur Blok A No. 24");

  h.Apply({OpenStall{stall}});
  h.Frames(2);
  REQUIRE(h.FindId("stall/closed") != nullptr);
  CHECK(h.FindId("stall/closed")->name == "Lapak tutup");
  const MirrorItem* row = h.FindId("product/" + closed->products[0].id);
  REQUIRE(row != nullptr);
  CHECK(row->name.size() > 13);
  CHECK(row->name.substr(row->name.size() - 13) == ", Lapak tutup");

  h.Apply({OpenProduct{closed->products[0].id}});
  h.Frames(2);
  test::CheckMirror(h);
  const MirrorItem add = test::ScrollTo(h, "product/add");
  CHECK(add.disabled);
  CHECK(h.FindId("product/stall-closed") != nullptr);
  h.apply_intents = false;
  CHECK_FALSE(test::HasIntent<AddProduct>(h.Tap(add)));
}

TEST_CASE("ui: a cart line of a closed stall is flagged and the cart does not continue to checkout") {
  Harness h;
  h.LoadPilotIndex();
  test::FillCart(h, "pasar-tugu");
  const std::string stall = h.state.cart.lines[0].stall_id;
  CloseStall(h, stall);
  h.state.route = ScreenRoute(Screen::Cart);
  h.Frames(2);
  bool flagged = false;
  for (const MirrorItem& item : h.output.mirror.items) {
    if (item.id.size() > 13 && item.id.substr(item.id.size() - 13) == "/stall-closed") {
      flagged = true;
      CHECK(item.name == "Lapak tutup: hapus barang ini sebelum memesan.");
    }
  }
  CHECK(flagged);
  REQUIRE(h.FindId("cart/cannot-continue") != nullptr);
  CHECK(h.FindId("cart/checkout") == nullptr);
}
