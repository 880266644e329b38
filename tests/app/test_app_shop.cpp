// The shopping path natively: a market's file loads when its page opens, a product is chosen by step or
// typed weight with a note and a substitution choice, the cart refuses to mix markets without asking,
// and the cart's delivery options price from the market's rules.
#include <catch2/catch.hpp>

#include "ui/words.h"

#include "core/money.h"
#include "ui_harness.h"

using namespace pasar;
using test::Harness;
using test::HasIntent;

namespace {

std::string MarketFileText(const std::string& market_id) {
  return test::ReadFile(std::string(PASAR_ASSETS_DIR) + "/catalog/markets/" + market_id + ".json");
}

// Opens a market the way the platform does: the page asks for the file, the fetch answers.
void OpenMarketWithFile(Harness& h, const std::string& market_id) {
  h.ClearEffects();
  h.Apply({OpenMarket{market_id}});
  REQUIRE(h.effects.fetches.size() == 1);
  CHECK(h.effects.fetches[0].kind == FetchKind::Market);
  CHECK(h.effects.fetches[0].url == "data/markets/" + market_id + ".json");
  h.Apply({MakeFetchResultIntent(h.effects.fetches[0], 200, MarketFileText(market_id))});
}

// The first product of the market whose name starts with `prefix`, in a stall other than `not_stall`.
const Product* FindByName(const AppState& s, const std::string& market_id, const std::string& prefix,
                          const std::string& not_stall = "") {
  const MarketFile* f = LoadedMarket(s, market_id);
  if (!f) return nullptr;
  for (const Stall& stall : f->stalls) {
    if (stall.id == not_stall) continue;
    for (const Product& p : stall.products) {
      if (p.name.rfind(prefix, 0) == 0 && p.availability != Availability::Habis) return &p;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("shop: opening a market fetches its file once and shows its stalls") {
  Harness h;
  h.LoadPilotIndex();
  OpenMarketWithFile(h, "pasar-tugu");
  const MarketLoad* load = MarketLoadOf(h.state, "pasar-tugu");
  REQUIRE(load != nullptr);
  CHECK(load->state == LoadState::Ready);
  h.Frames(2);
  int stalls = 0;
  for (const MirrorItem& item : h.output.mirror.items) stalls += item.id.rfind("stall/", 0) == 0;
  CHECK(stalls >= 8);
  // Going back and in again does not download it again.
  h.ClearEffects();
  h.Apply({RouteChanged{"#/"}, OpenMarket{"pasar-tugu"}});
  CHECK(h.effects.fetches.empty());
}

TEST_CASE("shop: a market file that fails to load says why and retries") {
  Harness h;
  h.LoadPilotIndex();
  h.ClearEffects();
  h.Apply({OpenMarket{"pasar-koga"}});
  REQUIRE(h.effects.fetches.size() == 1);
  h.Apply({MakeFetchResultIntent(h.effects.fetches[0], 0, "")});
  h.Frames(2);
  const MirrorItem* retry = h.Find(MirrorRole::Button, "Coba lagi");
  REQUIRE(retry != nullptr);
  h.ClearEffects();
  h.Tap(*retry);
  REQUIRE(h.effects.fetches.size() == 1);
  CHECK(h.effects.fetches[0].key == "pasar-koga");
  h.Apply({MakeFetchResultIntent(h.effects.fetches[0], 200, "{\"format_version\":1}")});
  CHECK(MarketLoadOf(h.state, "pasar-koga")->state == LoadState::Failed);
  CHECK(MarketLoadOf(h.state, "pasar-koga")->error.problem == LoadProblem::Damaged);
}

TEST_CASE("shop: search in a market finds cabai for \"cabe\" and groups hits by stall") {
  Harness h;
  h.LoadPilotIndex();
  OpenMarketWithFile(h, "pasar-tugu");
  h.Apply({SetText{FIELD_PRODUCT_SEARCH, "cabe"}});
  h.Frames(2);
  int hits = 0;
  bool rawit = false;
  for (const MirrorItem& item : h.output.mirror.items) {
    if (item.id.rfind("product/", 0) != 0) continue;
    hits++;
    rawit = rawit || item.name.rfind("Cabai rawit", 0) == 0;
  }
  CHECK(hits > 0);
  CHECK(rawit);
}

TEST_CASE("shop: a quarter kilo of cabai rawit with a note goes into the cart at the quoted price") {
  Harness h;
  h.LoadPilotIndex();
  OpenMarketWithFile(h, "pasar-tugu");
  const Product* rawit = FindByName(h.state, "pasar-tugu", "Cabai rawit");
  REQUIRE(rawit != nullptr);
  h.Apply({OpenProduct{rawit->id}});
  CHECK(h.state.route.screen == Screen::Product);
  h.Frames(2);
  const MirrorItem* quarter = h.FindId("step/250");
  REQUIRE(quarter != nullptr);
  h.Tap(*quarter);
  CHECK(h.state.product.qty_milli == 250);
  h.Apply({SetText{FIELD_NOTE, "yang merah saja"},
           SetSubstitution{Substitution::ReplaceSimilar}});
  h.Frames(2);
  const MirrorItem* add = h.Find(MirrorRole::Button, "Tambah ke keranjang");
  REQUIRE(add != nullptr);
  h.Tap(*add);
  REQUIRE(h.state.cart.lines.size() == 1);
  CHECK(h.state.cart.market_id == "pasar-tugu");
  CHECK(h.state.cart.lines[0].qty_milli == 250);
  CHECK(h.state.cart.lines[0].note == "yang merah saja");
  CHECK(h.state.cart.lines[0].substitution == Substitution::ReplaceSimilar);
  CHECK(h.state.notice.code == NoticeCode::AddedToCart);
  CHECK(h.state.notice.qty_milli == 250);
  CHECK(NoticeWords(Lang::Id, h.state.notice).find("masuk keranjang") != std::string::npos);
  PricedCart priced = PriceCart(h.state.cart, *LoadedMarket(h.state, "pasar-tugu"));
  int64_t expected = 0;
  REQUIRE(ComputeLineTotalRp(rawit->price_rp, 250, &expected));
  CHECK(priced.subtotal_rp == expected);
}

TEST_CASE("shop: a typed weight of 2,5 kg is used, nonsense is refused with a reason and adds nothing") {
  Harness h;
  h.LoadPilotIndex();
  OpenMarketWithFile(h, "pasar-tugu");
  const Product* beras = FindByName(h.state, "pasar-tugu", "Beras");
  REQUIRE(beras != nullptr);
  REQUIRE(beras->free_qty);
  h.Apply({OpenProduct{beras->id}, SetText{FIELD_WEIGHT, "2,5 kg"}});
  CHECK(h.state.product.weight_problem.ok());
  CHECK(h.state.product.qty_milli == 2500);
  h.Apply({SetText{FIELD_WEIGHT, "banyak"}});
  CHECK(h.state.product.weight_problem.error == QuantityError::NotANumber);
  h.Frames(2);
  CHECK(h.FindId("product/weight-error") != nullptr);
  h.Apply({AddProduct{}});
  CHECK(h.state.cart.lines.empty());
  CHECK(h.state.notice.error);
}

TEST_CASE("shop: adding from a second market asks first and never mixes markets") {
  Harness h;
  h.LoadPilotIndex();
  OpenMarketWithFile(h, "pasar-tugu");
  const Product* tugu = FindByName(h.state, "pasar-tugu", "Kangkung");  // every vegetable stall sells it
  REQUIRE(tugu != nullptr);
  h.Apply({OpenProduct{tugu->id}, AddProduct{}});
  REQUIRE(h.state.cart.lines.size() == 1);

  OpenMarketWithFile(h, "pasar-koga");
  const Product* koga = FindByName(h.state, "pasar-koga", "Kangkung");
  REQUIRE(koga != nullptr);
  h.Apply({OpenProduct{koga->id}, AddProduct{}});
  CHECK(h.state.cart.market_id == "pasar-tugu");
  CHECK(h.state.cart.lines.size() == 1);
  CHECK(h.state.product.pending_other_market == "pasar-tugu");
  h.Frames(2);
  REQUIRE(h.Find(MirrorRole::Button, "Batal, simpan keranjang") != nullptr);
  h.Tap(*h.Find(MirrorRole::Button, "Batal, simpan keranjang"));
  CHECK(h.state.cart.market_id == "pasar-tugu");
  h.Apply({AddProduct{}});
  h.Frames(2);
  REQUIRE(h.Find(MirrorRole::Button, "Kosongkan & tambah") != nullptr);
  h.Tap(*h.Find(MirrorRole::Button, "Kosongkan & tambah"));
  CHECK(h.state.cart.market_id == "pasar-koga");
  REQUIRE(h.state.cart.lines.size() == 1);
  CHECK(h.state.cart.lines[0].product_id == koga->id);
}

TEST_CASE("shop: the cart prices delivery for the chosen area and updates with + and remove") {
  Harness h;
  h.LoadPilotIndex();
  OpenMarketWithFile(h, "pasar-tugu");
  const Product* rawit = FindByName(h.state, "pasar-tugu", "Cabai rawit");
  const Product* kangkung = FindByName(h.state, "pasar-tugu", "Kangkung", rawit ? rawit->id.substr(0, rawit->id.rfind('.')) : "");
  REQUIRE(rawit != nullptr);
  REQUIRE(kangkung != nullptr);
  // A kilo of chilli clears any market's minimum order for delivery.
  h.Apply({OpenProduct{rawit->id}, ChooseStep{1000},
           AddProduct{}, OpenProduct{kangkung->id},
           AddProduct{}, OpenCart{}});
  REQUIRE(h.state.cart.lines.size() == 2);
  h.Frames(2);
  CHECK(h.FindId("cart/total") == nullptr);  // no area chosen yet: no fee, no total
  const MirrorItem* area = h.FindId("area/kedaton");
  REQUIRE(area != nullptr);
  h.Tap(*area);
  CHECK(h.state.area_id == "kedaton");
  h.Frames(2);
  const MirrorItem* total = h.FindId("cart/total");
  REQUIRE(total != nullptr);
  const MarketInfo* market = FindStateMarket(h.state, "pasar-tugu");
  PricedCart priced = PriceCart(h.state.cart, *LoadedMarket(h.state, "pasar-tugu"));
  FeeQuote quote = ComputeDeliveryFee(market->delivery, h.state.delivery_method, FindAreaDistanceM(*market, "kedaton"),
                                     priced.subtotal_rp);
  REQUIRE(quote.ok());
  CHECK(total->name == "Total " + FormatRupiah(priced.subtotal_rp + quote.fee_rp));

  int64_t before = h.state.cart.lines[0].qty_milli;
  h.Apply({CartChangeQty{0, 1}});
  CHECK(h.state.cart.lines[0].qty_milli > before);
  h.Apply({CartRemoveLine{1}});
  CHECK(h.state.cart.lines.size() == 1);
}

TEST_CASE("shop: every shop screen draws from empty and loading states without asserting") {
  for (const char* hash : {"#/keranjang", "#/produk/pasar-tugu.s1.p1", "#/pasar/pasar-tugu/lapak/pasar-tugu.s1",
                           "#/pasar/pasar-tugu"}) {
    INFO(hash);
    Harness h;
    h.Apply(StartupIntents(hash));
    h.Frames(2);  // index still loading
    CHECK_FALSE(h.output.mirror.items.empty());
    h.Apply({IndexLoaded{test::PilotIndexText()}});
    h.Frames(2);  // market file loading
    CHECK_FALSE(h.output.mirror.items.empty());
  }
}
