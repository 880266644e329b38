// UI: the cart's way on to checkout, the checkout form, the other-tab screen, the banners and the entry
// points (tab bar, share). Headless frames; taps go through ImGui's input queue like a finger.
#include <catch2/catch.hpp>

#include "ui_fixtures.h"

using namespace pasar;
using test::Harness;
using test::HasIntent;

namespace {

void CheckoutWithCart(Harness& h, DeliveryMethod method) {
  h.LoadPilotIndex();
  test::FillCart(h, "pasar-tugu");
  h.state.delivery_method = method;
  if (method != DeliveryMethod::Pickup) h.state.area_id = test::FirstServedArea(h.state, "pasar-tugu");
  h.state.route = ScreenRoute(Screen::Checkout);
}

}  // namespace

TEST_CASE("ui: the cart offers 'Lanjut ke pembayaran' when an order can be made, and it opens checkout") {
  Harness h;
  h.LoadPilotIndex();
  test::FillCart(h, "pasar-tugu");
  h.state.delivery_method = DeliveryMethod::Pickup;
  h.state.route = ScreenRoute(Screen::Cart);
  h.Frames(2);
  test::CheckMirror(h);
  REQUIRE(h.FindId("cart/checkout") != nullptr);
  CHECK(h.FindId("cart/cannot-continue") == nullptr);
  const MirrorItem button = test::ScrollTo(h, "cart/checkout");
  CHECK(button.name == "Lanjut ke pembayaran");
  Intents tapped = h.Tap(button);
  CHECK(HasIntent<OpenCheckout>(tapped));
}

TEST_CASE("ui: the cart says why it cannot go on when no district is chosen for delivery") {
  Harness h;
  h.LoadPilotIndex();
  test::FillCart(h, "pasar-tugu");
  h.state.delivery_method = DeliveryMethod::CoopCourier;
  h.state.area_id.clear();
  h.state.route = ScreenRoute(Screen::Cart);
  h.Frames(2);
  CHECK(h.FindId("cart/checkout") == nullptr);
  const MirrorItem* why = h.FindId("cart/cannot-continue");
  REQUIRE(why != nullptr);
  CHECK(why->name.find("kecamatan") != std::string::npos);
}

TEST_CASE("ui: delivery options with their reasons stay inside the screen, in both languages") {
  // No district yet ("pick a district first"), and a district beyond the stall's own 2 km zone but inside the
  // market's reach: "Delivered by the stall · the address is outside this market's delivery zones".
  for (bool far_area : {false, true}) {
    for (Lang lang : {Lang::Id, Lang::En}) {
      Harness h(2.0f, 360.0f, 1600.0f);  // a phone's width, tall enough that no option is cut by the bottom bars
      h.LoadPilotIndex();
      test::FillCart(h, "pasar-tugu");
      h.state.lang = lang;
      h.state.delivery_method = DeliveryMethod::Pickup;
      h.state.area_id.clear();
      if (far_area) {
        const MarketInfo* market = FindStateMarket(h.state, "pasar-tugu");
        REQUIRE(market != nullptr);
        for (const Area& area : h.state.catalog.index.areas) {
          const int64_t d = FindAreaDistanceM(*market, area.id);
          if (d > 2000 && d <= market->delivery.max_distance_m) h.state.area_id = area.id;
        }
        REQUIRE(!h.state.area_id.empty());
      }
      h.state.route = ScreenRoute(Screen::Cart);
      h.Frames(2);
      const float screen_w = ImGui::GetIO().DisplaySize.x;  // mirror boxes are in canvas pixels here (DPR 2)
      int options = 0, wrapped = 0;
      for (const MirrorItem& item : h.output.mirror.items) {
        if (item.id.rfind("method/", 0) != 0) continue;
        options++;
        INFO(item.name);
        CHECK(item.x >= 0.0f);
        CHECK(item.x + item.w <= screen_w);
        CHECK(item.h >= 44.0f * 2.0f);  // still a full touch target
        if (item.h > 44.0f * 2.0f) wrapped++;
      }
      CHECK(options == 4);
      if (far_area && lang == Lang::En) CHECK(wrapped >= 1);  // the long reason took two lines, not the edge
    }
  }
}

TEST_CASE("ui: checkout for pickup asks name and phone, not the address, and 'Pesan sekarang' places the order") {
  Harness h;
  CheckoutWithCart(h, DeliveryMethod::Pickup);
  h.Frames(2);
  test::CheckMirror(h);
  const MirrorItem* name = h.FindId(FIELD_NAME);
  const MirrorItem* phone = h.FindId(FIELD_PHONE);
  REQUIRE(name != nullptr);
  REQUIRE(phone != nullptr);
  CHECK(name->role == MirrorRole::TextBox);
  CHECK(phone->input == InputKind::Tel);
  CHECK(h.FindId(FIELD_ADDRESS) == nullptr);
  CHECK(h.FindId(FIELD_LANDMARK) == nullptr);
  CHECK(h.FindId("payment/cod") != nullptr);
  CHECK(h.FindId("payment/qris") != nullptr);
  CHECK(h.FindId("payment/transfer") != nullptr);
  REQUIRE(h.FindId("checkout/total") != nullptr);
  CHECK(h.FindId("checkout/total")->name.rfind("Total Rp", 0) == 0);
  REQUIRE(h.Find(MirrorRole::Button, "Pesan sekarang") != nullptr);
  h.apply_intents = false;  // the UI's part: the tap asks for PlaceOrder
  const MirrorItem place = test::ScrollTo(h, "checkout/place");
  Intents tapped = h.Tap(place);
  int places = 0;
  places += test::CountIntents<PlaceOrder>(tapped);
  CHECK(places == 1);
}

TEST_CASE("ui: checkout for delivery shows address and landmark fields bound to the form") {
  Harness h;
  CheckoutWithCart(h, DeliveryMethod::CoopCourier);
  h.state.checkout.form.address = "Jl. Pangeran Antasari No. 12";
  h.state.checkout.form.landmark = "depan masjid";
  h.Frames(2);
  test::CheckMirror(h);
  const MirrorItem* address = h.FindId(FIELD_ADDRESS);
  const MirrorItem* landmark = h.FindId(FIELD_LANDMARK);
  REQUIRE(address != nullptr);
  REQUIRE(landmark != nullptr);
  CHECK(address->value == "Jl. Pangeran Antasari No. 12");
  CHECK(landmark->value == "depan masjid");
  CHECK(landmark->name == "Patokan");
  CHECK(h.FindId("checkout/change-delivery") != nullptr);
}

TEST_CASE("ui: after a tap with problems, checkout shows each field's message and the order's message") {
  Harness h;
  CheckoutWithCart(h, DeliveryMethod::CoopCourier);
  h.state.checkout.tried = true;
  // Codes in state; the words come from the UI's table.
  h.state.checkout.errors.push_back(FieldError{"phone", FieldProblem::BadPhone, PhoneError::BadPrefix, 0});
  h.state.checkout.errors.push_back(FieldError{"landmark", FieldProblem::TooShort, PhoneError::None, 3});
  h.state.checkout.errors.push_back(FieldError{"payment_method", FieldProblem::Missing, PhoneError::None, 0});
  h.state.checkout.problem = CheckoutProblem::Order;
  h.state.checkout.order_problem.error = OrderError::UnavailableLine;
  h.state.checkout.order_problem.line_problem.status = CartStatus::SoldOut;
  h.state.checkout.order_problem.line_problem.name = "Cabai rawit";
  h.Frames(2);
  test::CheckMirror(h);
  const MirrorItem* phone_error = h.FindId("checkout/error/phone");
  REQUIRE(phone_error != nullptr);
  CHECK(phone_error->role == MirrorRole::Status);
  CHECK(phone_error->name == "Nomor HP harus diawali 081 sampai 089, atau +62 8.");
  CHECK(h.Find(MirrorRole::Status, "Patokan terlalu pendek (paling sedikit 3 huruf).") != nullptr);
  CHECK(h.Find(MirrorRole::Status, "Pilih cara bayar: COD, QRIS atau transfer.") != nullptr);
  CHECK(h.Find(MirrorRole::Status, "Cabai rawit sedang habis.") != nullptr);
  const MirrorItem* summary = h.FindId("checkout/errors");
  REQUIRE(summary != nullptr);
  CHECK(summary->name.find("3") != std::string::npos);
  // The phone's message stands right under the phone field.
  const MirrorItem* phone = h.FindId(FIELD_PHONE);
  REQUIRE(phone != nullptr);
  CHECK(phone_error->y >= phone->y + phone->h);
  CHECK(phone_error->y < phone->y + phone->h + 40.0f);
  // English.
  h.state.lang = Lang::En;
  h.Frames(1);
  CHECK(h.Find(MirrorRole::Status, "A mobile number starts with 081 to 089, or +62 8.") != nullptr);
  CHECK(h.Find(MirrorRole::Status, "Cabai rawit is sold out.") != nullptr);
}

TEST_CASE("ui: messages stay hidden before the first tap on 'Pesan sekarang'") {
  Harness h;
  CheckoutWithCart(h, DeliveryMethod::Pickup);
  h.state.checkout.errors.push_back(FieldError{"phone", FieldProblem::BadPhone, PhoneError::Empty, 0});
  h.Frames(2);
  CHECK(h.FindId("checkout/error/phone") == nullptr);
}

TEST_CASE("ui: a payment chip asks for that payment method") {
  Harness h;
  CheckoutWithCart(h, DeliveryMethod::Pickup);
  h.state.checkout.form.payment_method = PaymentMethod::Cod;
  h.apply_intents = false;
  h.Frames(2);
  REQUIRE(h.FindId("payment/cod") != nullptr);
  CHECK(h.FindId("payment/cod")->selected);
  const MirrorItem qris = test::ScrollTo(h, "payment/qris");
  Intents tapped = h.Tap(qris);
  CHECK(HasIntent(tapped, &SetPayment::method, ParsePaymentMethod("qris")));
  h.input.activate_id = "payment/transfer";
  h.Frame();
  CHECK(HasIntent(h.intents, &SetPayment::method, ParsePaymentMethod("transfer")));
}

TEST_CASE("ui: the soft keyboard does not hide the focused field") {
  Harness h;
  CheckoutWithCart(h, DeliveryMethod::CoopCourier);
  h.Frames(2);
  // The keyboard takes the lower half: the canvas shrinks (interactive-widget=resizes-content).
  ImGui::GetIO().DisplaySize.y = 740.0f * 2.0f * 0.5f;
  h.input.focused_field = FIELD_LANDMARK;
  h.Frames(4);
  const MirrorItem* field = h.FindId(FIELD_LANDMARK);
  REQUIRE(field != nullptr);
  CHECK_FALSE(field->offscreen);
  CHECK(field->y >= 0.0f);
  CHECK(field->y + field->h <= 740.0f * 2.0f * 0.5f);
  // Once there, a finger may scroll freely: no pulling back every frame.
  const float y = field->y;
  h.Frames(3);
  CHECK(h.FindId(FIELD_LANDMARK)->y == y);
}

TEST_CASE("ui: checkout with an empty cart leads to the markets, and draws without a market file") {
  Harness h;
  h.LoadPilotIndex();
  h.state.route = ScreenRoute(Screen::Checkout);
  h.Frames(2);
  CHECK(h.Find(MirrorRole::Heading, "Keranjang masih kosong") != nullptr);
  Intents tapped = h.Tap(*h.Find(MirrorRole::Button, "Lihat pasar"));
  CHECK(HasIntent<OpenHome>(tapped));
  // A cart whose market file is not loaded yet: a loading status, no form.
  Harness g;
  g.LoadPilotIndex();
  g.state.cart.market_id = "pasar-tugu";
  g.state.cart.lines.push_back(CartLine{"pasar-tugu.s1.p1", "pasar-tugu.s1", 250, "", Substitution::ContactMe});
  g.state.route = ScreenRoute(Screen::Checkout);
  g.Frames(2);
  CHECK(g.FindId("checkout/loading") != nullptr);
  CHECK(g.FindId(FIELD_NAME) == nullptr);
}

TEST_CASE("ui: another tab holding the store shows only the take-over screen") {
  Harness h;
  h.LoadPilotIndex();
  h.state.store.other_tab = true;
  h.state.update_available = true;
  h.Frames(2);
  CHECK(h.Find(MirrorRole::Heading, "Pasar Daring sedang terbuka di tab lain") != nullptr);
  CHECK(h.output.mirror.items.size() == 2);  // the message and the button, nothing else
  const MirrorItem* take = h.Find(MirrorRole::Button, "Pakai di tab ini");
  REQUIRE(take != nullptr);
  h.apply_intents = false;
  Intents tapped = h.Tap(*take);
  CHECK(HasIntent<TakeOver>(tapped));
}

TEST_CASE("ui: the update banner asks to apply the update, and a storage problem is said in words") {
  Harness h;
  h.LoadPilotIndex();
  h.state.update_available = true;
  h.state.store.error_code = "quota";
  h.Frames(2);
  test::CheckMirror(h);
  const MirrorItem* update = h.Find(MirrorRole::Button, "Versi baru tersedia - ketuk untuk memperbarui");
  REQUIRE(update != nullptr);
  const MirrorItem* storage = h.FindId("storage/problem");
  REQUIRE(storage != nullptr);
  CHECK(storage->name.rfind("Penyimpanan HP penuh", 0) == 0);
  h.apply_intents = false;
  Intents tapped = h.Tap(*update);
  CHECK(HasIntent<ApplyUpdate>(tapped));
}

TEST_CASE("ui: the markets screen reaches My orders (with the pending count) and Settings") {
  Harness h;
  h.LoadPilotIndex();
  h.state.outbox.pending.resize(3);
  h.Frames(2);
  test::CheckMirror(h);
  const MirrorItem* orders = h.FindId("nav/orders");
  const MirrorItem* settings = h.FindId("nav/settings");
  REQUIRE(orders != nullptr);
  REQUIRE(settings != nullptr);
  CHECK(orders->role == MirrorRole::Tab);
  CHECK(orders->name == "Pesanan, 3 perubahan menunggu dikirim");
  CHECK(h.FindId("nav/markets")->selected);
  h.apply_intents = false;
  CHECK(HasIntent<OpenOrders>(h.Tap(*h.FindId("nav/orders"))));
  CHECK(HasIntent<OpenSettings>(h.Tap(*h.FindId("nav/settings"))));
}

TEST_CASE("ui: stall and product pages have a share button") {
  Harness h;
  h.LoadPilotIndex();
  test::LoadMarket(h, "pasar-tugu");
  const MarketFile* file = LoadedMarket(h.state, "pasar-tugu");
  h.state.route = StallRoute(file->stalls[0].id);
  h.apply_intents = false;
  h.Frames(2);
  test::CheckMirror(h);
  const MirrorItem* share = h.Find(MirrorRole::Button, "Bagikan");
  REQUIRE(share != nullptr);
  CHECK(share->w >= 44.0f * 2.0f);
  CHECK(HasIntent<Share>(h.Tap(*share)));
  h.state.route = ProductRoute(file->stalls[0].products[0].id);
  h.Frames(2);
  share = h.Find(MirrorRole::Button, "Bagikan");
  REQUIRE(share != nullptr);
  CHECK(HasIntent<Share>(h.Tap(*share)));
}
