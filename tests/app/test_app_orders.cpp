// Checkout, placing an order, the honest states, the files on the phone and the sync loop, natively: feed
// the intents the platform and the screens send, check the state and the effects.
#include <catch2/catch.hpp>

#include "ui/words.h"

#include "phone_fixture.h"

using namespace pasar;

TEST_CASE("orders: a wrong phone number is named; a right one places the order, saved only once IndexedDB says so") {
  Phone p;
  p.Boot();
  REQUIRE(p.state.store.loaded);
  p.AnswerPull();
  p.FillCart();
  p.FillCheckout("12345");
  p.Clear();
  p.Apply({PlaceOrder{}});
  CHECK(p.state.orders.empty());
  CHECK(p.state.outbox.pending.empty());
  bool phone_error = false;
  for (const FieldError& e : p.state.checkout.errors) phone_error = phone_error || e.field == "phone";
  CHECK(phone_error);
  CHECK(p.effects.sync_body.empty());

  p.Apply({SetText{FIELD_PHONE, "0812-3456-7890"}});
  CHECK(p.state.checkout.errors.empty());  // errors follow the typing once shown
  p.Clear();
  p.Apply({PlaceOrder{}});
  REQUIRE(p.state.orders.size() == 1);
  const StoredOrder& o = p.state.orders.front();
  CHECK(o.order.buyer_phone == "+6281234567890");
  CHECK(o.order.lines.size() == 2);
  CHECK(o.order.delivery_method == DeliveryMethod::CoopCourier);
  CHECK(p.state.route.screen == Screen::Order);
  CHECK(p.state.route.order_id == o.order.id);
  CHECK(p.effects.replace_hash == "#/pesanan");  // checkout's entry becomes My orders ...
  REQUIRE_FALSE(p.effects.push_hash.empty());
  CHECK(p.effects.push_hash.back() == "#/pesanan/" + o.order.id);  // ... and the order goes on top
  CHECK_FALSE(p.state.notice.shown());
  CHECK(p.state.cart.lines.empty());
  REQUIRE(p.state.outbox.pending.size() == 1);
  CHECK(p.state.outbox.pending[0].name == "place_order");
  CHECK(p.state.outbox.pending[0].key == o.order.idempotency_key);
  CHECK(p.state.outbox.pending[0].args["lines"][0]["substitution"] == "contact");
  // Written, flushed, but not yet "saved": and not sent before it is durable.
  CHECK(p.effects.flush_now);
  CHECK_FALSE(p.FileWritten(FILE_OUTBOX).empty());
  CHECK_FALSE(p.FileWritten(FILE_ORDERS).empty());
  CHECK(ViewOfOrder(p.state, o) == OrderView::Saving);
  CHECK(p.effects.sync_body.empty());
  CHECK(PendingChangeCount(p.state) == 1);

  const int64_t gen = p.effects.save_generation;
  p.Clear();
  p.Apply({StoreSaved{gen, "", ""}});
  CHECK(ViewOfOrder(p.state, p.state.orders.front()) == OrderView::OnPhone);
  CHECK(p.effects.ask_persist);
  REQUIRE_FALSE(p.effects.sync_body.empty());  // durable now: the push goes
  CHECK(p.effects.sync_body.find(o.order.idempotency_key) != std::string::npos);

  // The server's ok: "Terkirim", and the outbox is empty.
  std::string reply = OkReplyFor(p, 2);
  p.Clear();
  p.Apply({SyncReplied{200, reply}});
  CHECK(p.state.outbox.pending.empty());
  CHECK(ViewOfOrder(p.state, p.state.orders.front()) == OrderView::Sent);
  CHECK(p.state.orders.front().history.back().status == OrderStatus::Sent);
  CHECK(p.state.sync.cookie == 2);
  CHECK_FALSE(p.FileWritten(FILE_ORDERS).empty());
}

TEST_CASE("orders: offline the order waits; failures back off; after a minute WhatsApp is offered with the order text") {
  Phone p;
  p.Boot();
  p.AnswerPull();
  p.Apply({SetOnline{false}});
  p.Clear();
  p.Apply({TimerFired{}});
  CHECK(p.effects.sync_body.empty());  // offline: no request at all
  p.PlaceUsualOrder();
  REQUIRE(p.state.orders.size() == 1);
  p.Apply({StoreSaved{p.effects.save_generation, "", ""}});
  CHECK(ViewOfOrder(p.state, p.state.orders.front()) == OrderView::OnPhone);
  CHECK(p.effects.sync_body.empty());
  CHECK_FALSE(OfferWhatsApp(p.state, p.state.orders.front()));
  p.now += WHATSAPP_AFTER_MS + 1;
  p.Apply({TimerFired{}});
  CHECK(OfferWhatsApp(p.state, p.state.orders.front()));
  std::string text = OrderWhatsAppText(p.state, p.state.orders.front());
  CHECK(text.find(FormatOrderIdForDisplay(p.state.orders.front().order.id)) != std::string::npos);
  CHECK(text.find("Total Rp") != std::string::npos);
  CHECK(text.find("depan masjid") != std::string::npos);
  p.Clear();
  p.Apply({SendViaWhatsApp{p.state.orders.front().order.id}});
  CHECK(p.effects.open_url.rfind("https://wa.me/", 0) == 0);

  // Online again: the push goes at once; no reply (network) backs off and keeps everything.
  p.Clear();
  p.Apply({SetOnline{true}});
  REQUIRE_FALSE(p.effects.sync_body.empty());
  p.Clear();
  p.Apply({SyncReplied{0, ""}});
  CHECK(p.state.outbox.pending.size() == 1);
  CHECK(p.state.sync.attempt == 1);
  CHECK(p.effects.wake_after_ms >= 500);
  CHECK(p.effects.wake_after_ms <= 1000);
  p.Clear();
  p.Apply({TimerFired{}});
  CHECK(p.effects.sync_body.empty());  // too early
  // Several failures: the delay grows and stays within 60 s.
  for (int i = 0; i < 10; i++) {
    p.now = p.state.sync.next_attempt_ms;
    p.Clear();
    p.Apply({TimerFired{}});
    INFO("failure " << i << " in_flight " << p.state.sync.in_flight << " " << p.state.sync.status_en);
    REQUIRE_FALSE(p.effects.sync_body.empty());
    p.Clear();
    p.Apply({SyncReplied{503, "{\"error\":{\"code\":\"storage_unavailable\",\"message\":\"x\"}}"}});
    CHECK(p.effects.wake_after_ms <= MAX_RETRY_DELAY_MS);
  }
  CHECK(p.state.sync.next_attempt_ms - p.now >= MAX_RETRY_DELAY_MS / 2);
  CHECK(p.state.outbox.pending.size() == 1);
  CHECK(ViewOfOrder(p.state, p.state.orders.front()) == OrderView::OnPhone);
}

TEST_CASE("orders: what was saved comes back after a restart, and the order is still pending with the same key") {
  Phone p;
  p.Boot();
  p.Apply({SetOnline{false}});
  p.PlaceUsualOrder();
  std::vector<std::pair<std::string, std::string>> files = p.effects.write_files;
  REQUIRE(files.size() == 3);
  const StoredOrder before = p.state.orders.front();

  Phone q;
  q.Boot(files, 2);
  REQUIRE(q.state.orders.size() == 1);
  CHECK(q.state.orders.front().order.id == before.order.id);
  CHECK(ViewOfOrder(q.state, q.state.orders.front()) == OrderView::OnPhone);
  REQUIRE(q.state.outbox.pending.size() == 1);
  CHECK(q.state.outbox.pending[0].key == before.order.idempotency_key);
  CHECK(q.state.outbox.client_id == p.state.outbox.client_id);
  CHECK(q.state.checkout.form.name == "Bu Sari");  // the details are there for the next order
  CHECK(q.state.store.damaged.empty());
  // The first push after the restart carries the same order.
  CHECK(q.effects.sync_body.find(before.order.idempotency_key) != std::string::npos);
}

TEST_CASE("orders: a damaged file is kept aside and said; the other files still load") {
  Phone p;
  p.Boot();
  p.PlaceUsualOrder();
  auto files = p.effects.write_files;
  for (auto& f : files) {
    if (f.first == FILE_ORDERS) f.second = "{\"format_version\":1,\"orders\":[{\"order\":7}]}";
  }
  Phone q;
  q.Boot(files);
  CHECK(q.state.orders.empty());
  REQUIRE(q.state.store.damaged.size() == 1);
  CHECK(q.state.store.damaged[0].find("orders[0].order") != std::string::npos);
  CHECK(q.state.outbox.pending.size() == 1);  // the outbox survived: the order still reaches the stall
  CHECK(q.state.notice.error);
  bool kept = false;
  for (const auto& f : q.effects.write_files) kept = kept || f.first == std::string(FILE_ORDERS) + ".damaged";
  CHECK(kept);
}

TEST_CASE("orders: storage full says so, the order is not called saved, and nothing is sent ahead of the phone") {
  Phone p;
  p.Boot();
  p.AnswerPull();
  p.PlaceUsualOrder();
  p.Clear();
  p.Apply({StoreSaved{p.state.store.generation, "quota", "QuotaExceededError"}});
  CHECK(ViewOfOrder(p.state, p.state.orders.front()) == OrderView::SaveFailed);
  CHECK(p.state.notice.error);
  CHECK(p.state.notice.code == NoticeCode::StorageFull);
  CHECK(NoticeWords(Lang::Id, p.state.notice).find("penuh") != std::string::npos);
  CHECK(p.effects.sync_body.empty());
  // Space freed: the next save succeeds and the push follows.
  p.Clear();
  p.Apply({StoreSaved{p.state.store.generation, "", ""}});
  CHECK(ViewOfOrder(p.state, p.state.orders.front()) == OrderView::OnPhone);
  CHECK_FALSE(p.effects.sync_body.empty());
}

TEST_CASE("orders: a tab without the store lock writes nothing and never syncs") {
  Phone p;
  p.Apply({Entropy{Hex(64, 3)}, OtherTab{true},
           RetryLoad{}, IndexLoaded{test::PilotIndexText()}});
  CHECK(p.state.store.other_tab);
  CHECK_FALSE(p.state.store.loaded);
  CHECK(p.effects.write_files.empty());
  CHECK(p.effects.sync_body.empty());
  p.Apply({TakeOver{}});
  CHECK(p.effects.take_over);
}

TEST_CASE("orders: a refusal from the server shows its reason; a patch brings the stall's answer") {
  Phone p;
  p.Boot();
  p.AnswerPull();
  p.PlaceUsualOrder();
  p.Clear();
  p.Apply({StoreSaved{p.state.store.generation, "", ""}});
  REQUIRE_FALSE(p.effects.sync_body.empty());
  const std::string order_id = p.state.orders.front().order.id;
  SyncReply reply;
  MutationResult r;
  r.id = 1;
  r.key = p.state.outbox.pending[0].key;
  r.status = ResultStatus::Rejected;
  r.code = "sold_out";
  r.message = "Kangkung sudah habis.";
  reply.results.push_back(r);
  reply.last_mutation_id = 1;
  reply.cookie = 3;
  p.Apply({SyncReplied{200, EncodeSyncReply(reply)}});
  const StoredOrder* s = FindStoredOrder(p.state, order_id);
  REQUIRE(s != nullptr);
  CHECK(ViewOfOrder(p.state, *s) == OrderView::Refused);
  CHECK(s->refused_message == "Kangkung sudah habis.");

  // A second order goes through and the stall accepts it in a later pull.
  p.PlaceUsualOrder();
  p.Clear();
  p.Apply({StoreSaved{p.state.store.generation, "", ""}});
  const std::string second = p.state.orders.front().order.id;
  REQUIRE(p.state.sync.in_flight);
  p.Apply({SyncReplied{200, OkReplyFor(p, 4)}});
  INFO(p.state.sync.status_en);
  CHECK(FindStoredOrder(p.state, second)->order.status == OrderStatus::Sent);
  // Any later batch asks again for the pull timer (the platform keeps only the earliest request).
  p.now += 1000;
  p.Clear();
  p.Apply({Tick{9 * 60, 1}});
  CHECK(p.effects.wake_after_ms == PULL_EVERY_MS - 1000);
  p.now += PULL_EVERY_MS - 1000;
  p.Clear();
  p.Apply({TimerFired{}});
  REQUIRE_FALSE(p.effects.sync_body.empty());  // a pull for the moving order
  SyncReply pull;
  pull.last_mutation_id = 2;
  pull.cookie = 5;
  PatchEntry e;
  e.op = PatchOp::Order;
  e.order.order_id = second;
  e.order.status = OrderStatus::Accepted;
  e.order.subtotal_rp = FindStoredOrder(p.state, second)->order.subtotal_rp;
  e.order.delivery_fee_rp = FindStoredOrder(p.state, second)->order.delivery_fee_rp;
  e.order.total_rp = FindStoredOrder(p.state, second)->order.total_rp;
  pull.patch.push_back(e);
  PatchEntry price;
  price.op = PatchOp::Product;
  price.product.product_id = p.state.orders.front().order.lines[0].product_id;
  price.product.market_id = "pasar-tugu";
  price.product.price_rp = 12345;
  price.product.price_date = "2026-11-30";
  price.product.availability = Availability::Terbatas;
  pull.patch.push_back(price);
  p.Apply({SyncReplied{200, EncodeSyncReply(pull)}});
  const StoredOrder* accepted = FindStoredOrder(p.state, second);
  CHECK(ViewOfOrder(p.state, *accepted) == OrderView::Stall);
  CHECK(accepted->order.status == OrderStatus::Accepted);
  CHECK(accepted->history.back().status == OrderStatus::Accepted);
  auto ref = FindStateProduct(p.state, price.product.product_id);
  REQUIRE(ref);
  CHECK(ref->product->price_rp == 12345);
  CHECK(ref->product->availability == Availability::Terbatas);
}

TEST_CASE("orders: reorder puts the lines back in the cart; cancel is a mutation in the outbox") {
  Phone p;
  p.Boot();
  p.AnswerPull();
  p.PlaceUsualOrder();
  const std::string id = p.state.orders.front().order.id;
  p.Apply({StoreSaved{p.state.store.generation, "", ""}});
  p.Apply({SyncReplied{200, OkReplyFor(p, 2)}});
  p.Clear();
  p.Apply({Reorder{id}});
  CHECK(p.state.cart.lines.size() == 2);
  CHECK(p.state.route.screen == Screen::Cart);
  p.Clear();
  p.Apply({CancelOrder{id}});
  REQUIRE(p.state.outbox.pending.size() == 1);
  CHECK(p.state.outbox.pending[0].name == "cancel_order");
  CHECK(FindStoredOrder(p.state, id)->cancel_requested);
}

TEST_CASE("orders: the routes of the new pages round-trip, and a bad order id falls back to the list") {
  for (const char* hash : {"#/keranjang/pesan", "#/pesanan", "#/pengaturan", "#/pesanan/0123456789AB"}) {
    CHECK(RouteToHash(ParseRouteHash(hash)) == hash);
  }
  CHECK(ParseRouteHash("#/pesanan/<script>").screen == Screen::Orders);
  CHECK(ParentRoute(ParseRouteHash("#/keranjang/pesan")).screen == Screen::Cart);
  CHECK(ParentRoute(ParseRouteHash("#/pesanan/0123456789AB")).screen == Screen::Orders);
}

TEST_CASE("orders: a double tap on \"Pesan sekarang\" places one order") {
  Phone p;
  p.Boot();
  p.AnswerPull();
  p.FillCart();
  p.FillCheckout("081234567890");
  p.Apply({PlaceOrder{}, PlaceOrder{}});
  CHECK(p.state.orders.size() == 1);
  CHECK(p.state.outbox.pending.size() == 1);
  CHECK(p.state.route.screen == Screen::Order);
}
