// UI: My orders, one order's page and Settings, drawn from fixture states (empty, saved on the phone,
// refused, accepted, unknown id, storage trouble) with the intents their taps push.
#include <catch2/catch.hpp>

#include "ui/words.h"
#include "ui_fixtures.h"

using namespace pasar;
using test::Harness;
using test::HasIntent;

namespace {

constexpr int64_t T0_MS = 1796000000000;  // 2026-11-30, 07.53 WIB

void OrdersFixture(Harness& h) {
  h.LoadPilotIndex();
  test::LoadedStore(h);
  h.state.now_ms = T0_MS + 3600000;
  StoredOrder accepted = test::MakeStoredOrder("7K2M9QXR4T1V", OrderStatus::Accepted, T0_MS);
  StoredOrder refused = test::MakeStoredOrder("8H3N0PWS5A2B", OrderStatus::SavedOnPhone, T0_MS + 1000);
  refused.refused = true;
  refused.refused_code = "price_mismatch";
  refused.refused_field = "args.lines[0].price_rp";
  refused.refused_message = "args.lines[0].price_rp: must be the price in catalog_version (Rp 40000)";  // never shown
  StoredOrder on_phone = test::MakeStoredOrder("9J4P1QZT6C3D", OrderStatus::SavedOnPhone, T0_MS + 2000);
  h.state.orders = {on_phone, refused, accepted};  // newest first
  h.state.outbox.pending.resize(1);
}

}  // namespace

TEST_CASE("ui: My orders with no orders says so and leads to the markets") {
  Harness h;
  h.LoadPilotIndex();
  test::LoadedStore(h);
  h.state.route = ScreenRoute(Screen::Orders);
  h.Frames(2);
  test::CheckMirror(h);
  CHECK(h.Find(MirrorRole::Heading, "Belum ada pesanan") != nullptr);
  CHECK(h.FindId("nav/orders")->selected);
  h.apply_intents = false;
  CHECK(HasIntent<OpenHome>(h.Tap(*h.Find(MirrorRole::Button, "Lihat pasar"))));
}

TEST_CASE("ui: My orders lists each order with its code, total and honest state, newest first") {
  Harness h;
  OrdersFixture(h);
  h.state.route = ScreenRoute(Screen::Orders);
  h.Frames(2);
  test::CheckMirror(h);
  const MirrorItem* first = h.FindId("order/9J4P1QZT6C3D");
  const MirrorItem* second = h.FindId("order/8H3N0PWS5A2B");
  const MirrorItem* third = h.FindId("order/7K2M9QXR4T1V");
  REQUIRE(first != nullptr);
  REQUIRE(second != nullptr);
  REQUIRE(third != nullptr);
  CHECK(first->y < second->y);
  CHECK(second->y < third->y);
  CHECK(first->name == "PD-9J4P-1QZT-6C3D, Pasar Tugu, Rp23.000, Tersimpan di HP - menunggu sinyal");
  CHECK(second->name.find("Ditolak: Harga Cabai rawit sudah berubah. Pesan lagi dengan harga hari ini.") != std::string::npos);
  CHECK(third->name.find("Diterima lapak") != std::string::npos);
  REQUIRE(h.FindId("sync/pending") != nullptr);
  CHECK(h.FindId("sync/pending")->name == "1 perubahan menunggu dikirim");
  REQUIRE(h.FindId("sync/status") != nullptr);
  h.apply_intents = false;
  const MirrorItem card = *third;
  CHECK(HasIntent(h.Tap(card), &OpenOrder::order_id, std::string("7K2M9QXR4T1V")));
}

TEST_CASE("ui: the sync status says offline, retrying and last sent in words") {
  Harness h;
  OrdersFixture(h);
  h.state.route = ScreenRoute(Screen::Orders);
  h.state.sync.online = false;
  h.Frames(2);
  CHECK(h.FindId("sync/status")->name.rfind("Tidak ada sinyal", 0) == 0);
  h.state.sync.online = true;
  h.state.sync.attempt = 2;
  h.state.sync.failing_since_ms = h.state.now_ms - 5000;
  h.state.sync.next_attempt_ms = h.state.now_ms + 12000;
  h.Frames(1);
  CHECK(h.FindId("sync/status")->name == "Server belum terjangkau - mencoba lagi dalam 12 detik");
  h.state.sync = SyncState{};
  h.state.sync.last_ok_ms = T0_MS;
  h.Frames(1);
  CHECK(h.FindId("sync/status")->name == "Terakhir terhubung ke server: 30 Nov 2026, 07.53");
}

TEST_CASE("ui: words for every stall status and the WIB clock") {
  CHECK(std::string(OrderStatusWords(Lang::Id, OrderStatus::OnTheWay)) == "Sedang diantar");
  CHECK(std::string(OrderStatusWords(Lang::Id, OrderStatus::PickedUp)) == "Diambil");
  CHECK(std::string(OrderStatusWords(Lang::Id, OrderStatus::Delivered)) == "Sampai");
  CHECK(std::string(OrderStatusWords(Lang::Id, OrderStatus::Cancelled)) == "Dibatalkan");
  CHECK(std::string(OrderStatusWords(Lang::Id, OrderStatus::Adjusted)) == "Disesuaikan lapak");
  CHECK(FormatDateTimeWib(Lang::Id, T0_MS) == "30 Nov 2026, 07.53");
  CHECK(FormatDateTimeWib(Lang::Id, 0) == "-");
  CHECK(FormatClockWib(17 * 3600 * 1000) == "00.00");  // 17.00 UTC is midnight WIB
  CHECK(FormatBytes(1300000) == "1,2 MB");
  CHECK(FormatBytes(2048) == "2 KB");
  CHECK(PendingChangesText(Lang::Id, 3) == "3 perubahan menunggu dikirim");
}

TEST_CASE("ui: an unknown order id shows a clear missing page") {
  Harness h;
  OrdersFixture(h);
  h.state.route = OrderRoute("ZZZZZZZZZZZZ");
  h.Frames(2);
  test::CheckMirror(h);
  CHECK(h.Find(MirrorRole::Heading, "Pesanan tidak ditemukan") != nullptr);
  h.apply_intents = false;
  CHECK(HasIntent<OpenOrders>(h.Tap(*h.Find(MirrorRole::Button, "Ke pesanan saya"))));
}

TEST_CASE("ui: an accepted order can be cancelled after a question, and ordered again") {
  Harness h;
  OrdersFixture(h);
  h.state.route = OrderRoute("7K2M9QXR4T1V");
  h.apply_intents = false;
  h.Frames(2);
  test::CheckMirror(h);
  CHECK(h.Find(MirrorRole::Heading, "PD-7K2M-9QXR-4T1V") != nullptr);
  REQUIRE(h.FindId("order/state") != nullptr);
  CHECK(h.FindId("order/state")->name == "Diterima lapak");
  CHECK(h.FindId("order/whatsapp") == nullptr);
  const MirrorItem cancel = test::ScrollTo(h, "order/cancel");
  CHECK(cancel.name == "Batalkan");
  Intents first = h.Tap(cancel);
  CHECK_FALSE(HasIntent<CancelOrder>(first));  // asks first
  const MirrorItem yes = test::ScrollTo(h, "order/cancel-yes");
  CHECK(HasIntent(h.Tap(yes), &CancelOrder::order_id, std::string("7K2M9QXR4T1V")));
  const MirrorItem reorder = test::ScrollTo(h, "order/reorder");
  CHECK(reorder.name == "Pesan lagi");
  CHECK(HasIntent(h.Tap(reorder), &Reorder::order_id, std::string("7K2M9QXR4T1V")));
}

TEST_CASE("ui: no cancel button for a finished order or one whose cancel waits") {
  Harness h;
  OrdersFixture(h);
  h.state.orders[2].order.status = OrderStatus::Delivered;
  h.state.route = OrderRoute("7K2M9QXR4T1V");
  h.Frames(2);
  CHECK(h.FindId("order/cancel") == nullptr);
  CHECK(h.FindId("order/state")->name == "Sampai");
  h.state.orders[2].order.status = OrderStatus::Ready;
  h.state.orders[2].cancel_requested = true;
  h.Frames(1);
  CHECK(h.FindId("order/cancel") == nullptr);
  CHECK(h.FindId("order/cancel-pending") != nullptr);
}

TEST_CASE("ui: an order waiting on the phone while the server is out of reach offers WhatsApp, with why") {
  Harness h;
  OrdersFixture(h);
  h.state.sync.attempt = 3;
  h.state.sync.failing_since_ms = h.state.now_ms - WHATSAPP_AFTER_MS - 1000;
  h.state.sync.next_attempt_ms = h.state.now_ms + 30000;
  h.state.route = OrderRoute("9J4P1QZT6C3D");
  h.apply_intents = false;
  h.Frames(2);
  test::CheckMirror(h);
  CHECK(h.FindId("order/state")->name == "Tersimpan di HP - menunggu sinyal");
  CHECK(h.FindId("order/cancel") == nullptr);  // not sent yet: nothing to cancel at the stall
  const MirrorItem wa = test::ScrollTo(h, "order/whatsapp");
  CHECK(wa.name == "Kirim lewat WhatsApp");
  CHECK(HasIntent(h.Tap(wa), &SendViaWhatsApp::order_id, std::string("9J4P1QZT6C3D")));
}

TEST_CASE("ui: a refused order and an adjusted total are explained") {
  Harness h;
  OrdersFixture(h);
  h.state.route = OrderRoute("8H3N0PWS5A2B");
  h.Frames(2);
  CHECK(h.FindId("order/state")->name == "Ditolak: Harga Cabai rawit sudah berubah. Pesan lagi dengan harga hari ini.");
  CHECK(h.FindId("order/cancel") == nullptr);
  StoredOrder& adjusted = h.state.orders[2];
  adjusted.order.status = OrderStatus::Adjusted;
  adjusted.order.lines[0].actual_qty_milli = 300;
  adjusted.order.lines[0].line_total_rp = 18000;
  adjusted.order.subtotal_rp = 18000;
  adjusted.order.total_rp = 26000;
  adjusted.needs_confirm = true;
  h.state.route = OrderRoute("7K2M9QXR4T1V");
  h.Frames(2);
  test::CheckMirror(h);
  const MirrorItem* changed = h.FindId("order/total-changed");
  REQUIRE(changed != nullptr);
  CHECK(changed->name.find("Rp23.000") != std::string::npos);
  CHECK(changed->name.find("Rp26.000") != std::string::npos);
  CHECK(h.FindId("order/needs-confirm") != nullptr);
}

TEST_CASE("ui: orders and order pages draw while saving, after a failed save, and with storage unavailable") {
  Harness h;
  OrdersFixture(h);
  h.state.orders[0].saved_generation = 6;  // newer than what IndexedDB confirmed
  h.state.route = ScreenRoute(Screen::Orders);
  h.Frames(2);
  CHECK(h.FindId("order/9J4P1QZT6C3D")->name.find("Menyimpan di HP...") != std::string::npos);
  h.state.store.error_code = "quota";
  h.Frames(1);
  CHECK(h.FindId("order/9J4P1QZT6C3D")->name.find("Belum tersimpan: penyimpanan HP penuh") != std::string::npos);
  CHECK(h.FindId("storage/problem") != nullptr);
  h.state.route = OrderRoute("9J4P1QZT6C3D");
  h.Frames(2);
  test::CheckMirror(h);
  h.state.store = StoreState{};
  h.state.store.loaded = true;
  h.state.store.unavailable = true;
  h.state.route = ScreenRoute(Screen::Orders);
  h.Frames(2);
  CHECK(h.FindId("orders/memory-only") != nullptr);
  CHECK(h.FindId("order/9J4P1QZT6C3D")->name.find("Belum tersimpan: browser ini tidak mengizinkan penyimpanan") != std::string::npos);
}

TEST_CASE("ui: settings switch the language and tell what this phone keeps") {
  Harness h;
  OrdersFixture(h);
  h.state.store.usage_bytes = 1300000;
  h.state.store.quota_bytes = 100 * 1024 * 1024;
  h.state.store.persisted = true;
  h.state.store.damaged = {"orders.json"};
  h.state.store.error_code = "io";
  h.state.store.error_detail = "disk I/O error";
  h.state.route = ScreenRoute(Screen::Settings);
  h.Frames(2);
  test::CheckMirror(h);
  CHECK(h.FindId("settings/usage")->name == "Terpakai 1,2 MB dari 100 MB");
  CHECK(h.FindId("settings/damaged")->name.find("orders.json") != std::string::npos);
  // The browser's own English ("disk I/O error") is for logs; the buyer reads what happened in words.
  CHECK(h.FindId("settings/save-error")->name == "Penyimpanan terakhir gagal: HP menolak menyimpan");
  CHECK(h.FindId("settings/catalog")->name.find(h.state.catalog.index.catalog_version) != std::string::npos);
  CHECK(h.FindId("sync/pending") != nullptr);
  CHECK(h.FindId("settings/lang-id")->selected);
  const MirrorItem english = *h.FindId("settings/lang-en");
  Intents tapped = h.Tap(english);
  REQUIRE(HasIntent<SetLanguage>(tapped));
  for (const Intent& i : tapped) {
    if (const SetLanguage* set = IntentAs<SetLanguage>(i)) CHECK(set->lang == Lang::En);
  }
  CHECK(h.state.lang == Lang::En);
  h.Frames(1);
  CHECK(h.Find(MirrorRole::Button, "English")->selected);
  CHECK(h.FindId("nav/settings")->name == "Settings");
  // Unknown sizes and no catalogue yet still draw.
  Harness g;
  g.state.route = ScreenRoute(Screen::Settings);
  g.Frames(2);
  CHECK(g.FindId("settings/usage")->name == "Ukuran penyimpanan belum diketahui.");
}

TEST_CASE("ui: the large heading font has every character of an order code, and only ASCII is rasterised for it") {
  Harness h;
  const ImFont* heading = GetUiFonts().heading;
  REQUIRE(heading != nullptr);
  const std::string code = FormatOrderIdForDisplay("7K3M9Q2XW4PA");
  CHECK(code == "PD-7K3M-9Q2X-W4PA");
  for (ImWchar c = 0x20; c <= 0x7E; c++) {
    INFO(static_cast<int>(c));
    CHECK(heading->FindGlyphNoFallback(c) != nullptr);
  }
  CHECK(heading->FindGlyphNoFallback(0x00E9) == nullptr);             // é: the body fonts have it, not this one
  CHECK(GetUiFonts().body->FindGlyphNoFallback(0x00E9) != nullptr);
}
