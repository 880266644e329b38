#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>

#include "ui/strings.h"
#include "ui/widgets.h"
#include "ui_harness.h"

using namespace pasar;
using test::Harness;
using test::HasIntent;

TEST_CASE("ui: the loading screen draws a status and the search field, and no market") {
  Harness h;
  Effects effects;
  h.Apply(StartupIntents(""));
  h.Frames(2);
  CHECK(h.FindId("markets/loading") != nullptr);
  CHECK(h.FindId(FIELD_MARKET_SEARCH) != nullptr);
  CHECK(h.FindId("market/pasar-tugu") == nullptr);
  CHECK_FALSE(h.output.drew_catalog_data);
}

TEST_CASE("ui: a failed load shows the reason and a retry button that asks for the index again") {
  Harness h;
  h.Apply(StartupIntents(""));
  h.Apply({IndexFailed{0}});
  h.Frames(2);
  const MirrorItem* error = h.FindId("markets/error");
  REQUIRE(error != nullptr);
  CHECK(error->name.find("sambungan internet") != std::string::npos);
  const MirrorItem* retry = h.Find(MirrorRole::Button, "Coba lagi");
  REQUIRE(retry != nullptr);
  h.ClearEffects();
  Intents tapped = h.Tap(*retry);
  CHECK(HasIntent<RetryLoad>(tapped));
  CHECK(h.effects.fetches.size() == 1);
}

TEST_CASE("ui: the market list mirrors all 14 markets with touch-sized boxes") {
  Harness h;
  h.LoadPilotIndex();
  h.Frames(2);
  CHECK(h.output.drew_catalog_data);
  const char* names[] = {"Pasar Pasir Gintung", "Pasar Kota Karang Sejahtera", "Pasar Cimeng", "Pasar Tamin",
                         "Pasar Bawah", "Pasar Tugu", "Pasar Way Halim", "Pasar Koga", "Pasar Panjang",
                         "Pasar Gudang Lelang", "Pasar Way Kandis", "Koperasi Bahtera Samudera Jaya", "KUD Mina Jaya",
                         "Koperasi Nelayan Rizki Eza Mandiri"};
  for (const char* name : names) {
    INFO(name);
    const MirrorItem* item = h.Find(MirrorRole::Link, name);
    REQUIRE(item != nullptr);
    // Fully visible cards (not cut by the bottom edge) are at least 44 CSS px tall at DPR 2.
    if (!item->offscreen && item->y + item->h < 740.0f * 2.0f - 1.0f) CHECK(item->h >= 44.0f * 2.0f);
  }
  // Every identifier is unique in the frame (the DOM mirror keys elements by it).
  std::set<std::string> ids;
  for (const MirrorItem& item : h.output.mirror.items) CHECK(ids.insert(item.id).second);
}

TEST_CASE("ui: tapping a market opens it and the back button asks to go back") {
  Harness h;
  h.LoadPilotIndex();
  h.Frames(2);
  const MirrorItem* tugu = h.Find(MirrorRole::Link, "Pasar Tugu");
  REQUIRE(tugu != nullptr);
  REQUIRE_FALSE(tugu->offscreen);
  Intents tapped = h.Tap(*tugu);
  CHECK(HasIntent(tapped, &OpenMarket::market_id, std::string("pasar-tugu")));
  CHECK(h.state.route.market_id == "pasar-tugu");
  h.Frames(2);
  CHECK(h.FindId("market/heading") != nullptr);
  const MirrorItem* back = h.Find(MirrorRole::Button, "Kembali");
  REQUIRE(back != nullptr);
  CHECK(back->w >= 44.0f * 2.0f);
  Intents back_tap = h.Tap(*back);
  CHECK(HasIntent<GoBack>(back_tap));
  CHECK(h.effects.back_fallback_hash == "#/");
}

TEST_CASE("ui: a drag over a card scrolls the list without opening it") {
  Harness h;
  h.LoadPilotIndex();
  h.Frames(2);
  REQUIRE(h.Find(MirrorRole::Link, "Pasar Pasir Gintung") != nullptr);
  const MirrorItem first = *h.Find(MirrorRole::Link, "Pasar Pasir Gintung");  // a copy: frames replace the list
  float x = first.x + first.w * 0.5f, y = first.y + first.h * 0.5f;
  Intents dragged = h.Drag(x, y + 300.0f, y - 200.0f);
  CHECK_FALSE(HasIntent<OpenMarket>(dragged));
  CHECK(h.state.route.screen == Screen::Markets);
  h.Frames(30);  // inertia settles
  const MirrorItem* moved = h.Find(MirrorRole::Link, "Pasar Pasir Gintung");
  REQUIRE(moved != nullptr);
  CHECK(moved->y < first.y - 100.0f);  // the list moved up with the finger
}

TEST_CASE("ui: one tap on a card opens the market exactly once") {
  Harness t;
  t.LoadPilotIndex();
  t.Frames(2);
  const MirrorItem* tugu = t.Find(MirrorRole::Link, "Pasar Tugu");
  REQUIRE(tugu != nullptr);
  Intents tapped = t.Tap(*tugu);
  int opens = 0;
  opens += test::CountIntents<OpenMarket>(tapped);
  CHECK(opens == 1);
}

TEST_CASE("ui: a screen reader's activation of a mirror element presses that widget") {
  Harness h;
  h.LoadPilotIndex();
  h.Frames(2);
  h.input.activate_id = "market/kud-mina-jaya";
  h.Frame();
  CHECK(HasIntent(h.intents, &OpenMarket::market_id, std::string("kud-mina-jaya")));
}

TEST_CASE("ui: the search field shows typed text and filters the cards") {
  Harness h;
  h.LoadPilotIndex();
  h.Apply({SetText{FIELD_MARKET_SEARCH, "gudang"}});
  h.input.focused_field = FIELD_MARKET_SEARCH;
  h.Frames(2);
  const MirrorItem* field = h.FindId(FIELD_MARKET_SEARCH);
  REQUIRE(field != nullptr);
  CHECK(field->role == MirrorRole::TextBox);
  CHECK(field->value == "gudang");
  CHECK(h.Find(MirrorRole::Link, "Pasar Gudang Lelang") != nullptr);
  CHECK(h.Find(MirrorRole::Link, "Pasar Tugu") == nullptr);
}

TEST_CASE("ui: no match offers to clear the search") {
  Harness h;
  h.LoadPilotIndex();
  h.Apply({SetText{FIELD_MARKET_SEARCH, "qwerty"}});
  h.Frames(2);
  const MirrorItem* clear = h.Find(MirrorRole::Button, "Hapus pencarian");
  REQUIRE(clear != nullptr);
  h.Tap(*clear);
  CHECK(h.state.market_search.empty());
}

TEST_CASE("ui: a deep link to an unknown market explains itself and leads back to the list") {
  Harness h;
  h.Apply(StartupIntents("#/pasar/pasar-atlantis"));
  h.Apply({IndexLoaded{test::PilotIndexText()}});
  h.Frames(2);
  CHECK(h.Find(MirrorRole::Heading, "Pasar tidak ditemukan") != nullptr);
  const MirrorItem* to_list = h.Find(MirrorRole::Button, "Ke daftar pasar");
  REQUIRE(to_list != nullptr);
  Intents tapped = h.Tap(*to_list);
  CHECK(HasIntent<OpenHome>(tapped));
  CHECK(h.state.route.screen == Screen::Markets);
}

TEST_CASE("ui: English labels when the language is English") {
  Harness h;
  h.LoadPilotIndex();
  h.Apply({SetLanguage{Lang::En}});
  h.Frames(2);
  CHECK(h.Find(MirrorRole::Heading, "Markets & cooperatives") != nullptr);
  CHECK(h.Find(MirrorRole::TextBox, "Search markets") != nullptr);
}

TEST_CASE("ui: the encoded mirror is JSON with CSS-pixel boxes") {
  Harness h;
  h.LoadPilotIndex();
  h.Frames(2);
  h.output.mirror.css_per_px = 0.5f;
  const MirrorItem tugu = *h.Find(MirrorRole::Link, "Pasar Tugu");
  nlohmann::json doc = nlohmann::json::parse(EncodeMirror(h.output.mirror), nullptr, false);
  REQUIRE(doc.is_object());
  CHECK(doc["v"] == 1);
  bool found = false;
  for (const auto& item : doc["items"]) {
    if (item["name"] != "Pasar Tugu") continue;
    found = true;
    CHECK(item["role"] == "link");
    CHECK(item["id"] == "market/pasar-tugu");
    CHECK(item["w"].get<int>() == static_cast<int>(std::lround(tugu.w * 0.5f)));
    CHECK(item["y"].get<int>() == static_cast<int>(std::lround(tugu.y * 0.5f)));
  }
  CHECK(found);
}

TEST_CASE("ui: searching from home loads every market and lists matching goods with their market and stall") {
  pasar::test::Harness h;
  h.LoadPilotIndex();
  h.ClearEffects();
  h.Apply({SetText{pasar::FIELD_MARKET_SEARCH, "cabe"}});
  REQUIRE(h.effects.fetches.size() == h.state.catalog.index.markets.size());
  for (const pasar::FetchRequest& f : h.effects.fetches) {
    std::string body = pasar::test::ReadFile(std::string(PASAR_ASSETS_DIR) + "/catalog/" + f.url.substr(5));
    h.Apply({pasar::MakeFetchResultIntent(f, 200, body)});
  }
  h.Frames(2);
  int goods = 0;
  bool rawit = false;
  for (const pasar::MirrorItem& item : h.output.mirror.items) {
    if (item.id.rfind("product/", 0) != 0) continue;
    goods++;
    rawit = rawit || item.name.rfind("Cabai rawit", 0) == 0;
  }
  CHECK(goods > 0);
  CHECK(rawit);
  CHECK(h.FindId("markets/goods-heading") != nullptr);
  // Typing more does not fetch again.
  h.ClearEffects();
  h.Apply({SetText{pasar::FIELD_MARKET_SEARCH, "cabe rawit"}});
  CHECK(h.effects.fetches.empty());
}

TEST_CASE("ui: the market list says the date of its prices, and that they are the phone's copy when offline") {
  pasar::test::Harness h;
  h.LoadPilotIndex();
  h.Frames(2);
  // The line sits under the last card: scroll there.
  for (int i = 0; i < 6 && !h.FindId("markets/price-date"); i++) h.Drag(300, 1300, 200);
  const pasar::MirrorItem* date = h.FindId("markets/price-date");
  REQUIRE(date != nullptr);
  CHECK(date->name == "Harga per 29 Nov 2026");
  h.Apply({SetOnline{false}});
  h.Frames(2);
  REQUIRE(h.FindId("markets/price-date") != nullptr);
  CHECK(h.FindId("markets/price-date")->name.find("offline") != std::string::npos);
}

TEST_CASE("ui: a stall card's product sample lists whole names only, with an ellipsis when some are left out") {
  Harness h;  // fonts at DPR 2, as on the phone
  ImFont* font = GetUiFonts().small;
  const auto width = [&](const std::string& s) { return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, s.c_str()).x; };
  const std::vector<std::string> names = {"Kangkung", "Bayam hijau", "Sawi putih", "Kacang panjang", "Terong ungu"};
  const std::string all = "5 produk · Kangkung, Bayam hijau, Sawi putih, Kacang panjang, Terong ungu";
  CHECK(FitList(font, width(all), "5 produk · ", names) == all);
  CHECK(FitList(font, width(all) + 500.0f, "5 produk · ", names) == all);

  // One pixel short of the whole list: the last name goes, and ", …" says there is more.
  const std::string cut = FitList(font, width(all) - 1.0f, "5 produk · ", names);
  CHECK(cut == "5 produk · Kangkung, Bayam hijau, Sawi putih, Kacang panjang, \xE2\x80\xA6");
  CHECK(width(cut) <= width(all) - 1.0f);

  // A phone-width card: every name shown is whole, and the line fits.
  const float card = 220.0f * 2.0f;
  const std::string phone = FitList(font, card, "5 produk · ", names);
  CHECK(width(phone) <= card);
  REQUIRE(phone.size() > 5);
  CHECK(phone.substr(phone.size() - 5) == ", \xE2\x80\xA6");
  std::string rest = phone.substr(std::string("5 produk · ").size());
  rest = rest.substr(0, rest.size() - 3);  // "Kangkung, Bayam hijau, ": the ellipsis off, its ", " kept
  size_t shown = 0;
  for (size_t start = 0; start < rest.size(); shown++) {
    size_t end = rest.find(", ", start);
    REQUIRE(end != std::string::npos);
    CHECK(rest.substr(start, end - start) == names[shown]);  // whole names, in order
    start = end + 2;
  }
  CHECK(shown >= 1);
  CHECK(shown < names.size());

  // The first name always comes, even when nothing fits (the card clips it); no items: just the head.
  CHECK(FitList(font, 10.0f, "1 produk · ", {"Cabai rawit merah"}) == "1 produk · Cabai rawit merah");
  CHECK(FitList(font, 10.0f, "0 produk", {}) == "0 produk");
}
