#include <catch2/catch.hpp>

#include "core/cart.h"
#include "fixtures.h"

using namespace pasar;

static Product MakeTestProduct(const std::string& id, const std::string& name, BaseUnit unit, int64_t price_rp,
                               bool free_qty, const std::string& piece_name = "") {
    Product p;
    p.id = id;
    p.name = name;
    p.unit = unit;
    p.piece_name = piece_name;
    p.price_rp = price_rp;
    p.steps = MakeDefaultSteps(unit, piece_name);
    p.free_qty = free_qty;
    p.availability = Availability::Tersedia;
    return p;
}

// Pasar Tugu-like market with two stalls: chilli per kg (steps only), kangkung per ikat, chicken (free).
static MarketFile TestMarket(const std::string& id = "pasar-tugu") {
    MarketFile m;
    m.market_id = id;
    Stall bumbu{id + ".s1", "Los Bumbu No. 3", "bumbu", "Blok A", "", "", {}};
    bumbu.products.push_back(MakeTestProduct(id + ".p1", "Cabai merah keriting", BaseUnit::Kg, 42000, false));
    bumbu.products.push_back(MakeTestProduct(id + ".p2", "Kangkung", BaseUnit::Piece, 2000, true, "ikat"));
    Stall ayam{id + ".s2", "Los Ayam No. 1", "ayam", "Blok C", "", "", {}};
    ayam.products.push_back(MakeTestProduct(id + ".p3", "Daging ayam ras", BaseUnit::Kg, 35000, true));
    Product habis = MakeTestProduct(id + ".p4", "Ati ampela", BaseUnit::Kg, 30000, true);
    habis.availability = Availability::Habis;
    ayam.products.push_back(habis);
    m.stalls = {bumbu, ayam};
    return m;
}

TEST_CASE("cart: lines from several stalls of one market") {
    MarketFile market = TestMarket();
    Cart cart;
    CHECK(AddToCart(&cart, market, "pasar-tugu.p3", 1500, "potong 8", Substitution::ContactMe).status == CartStatus::Added);
    CHECK(AddToCart(&cart, market, "pasar-tugu.p1", 250, "", Substitution::ReplaceSimilar).status == CartStatus::Added);
    CHECK(AddToCart(&cart, market, "pasar-tugu.p2", 3000, "", Substitution::CancelItem).status == CartStatus::Added);
    CHECK(cart.market_id == "pasar-tugu");
    REQUIRE(cart.lines.size() == 3);
    CHECK(cart.lines[0].stall_id == "pasar-tugu.s2");
    CHECK(cart.lines[0].note == "potong 8");

    PricedCart priced = PriceCart(cart, market);
    // 1,5 kg x 35.000 + 1/4 kg x 42.000 + 3 ikat x 2.000
    CHECK(priced.subtotal_rp == 52500 + 10500 + 6000);
    REQUIRE(priced.lines.size() == 3);
    CHECK(priced.lines[0].stall->id == "pasar-tugu.s1");  // grouped by stall in catalogue order
    CHECK(priced.lines[1].stall->id == "pasar-tugu.s1");
    CHECK(priced.lines[2].stall->id == "pasar-tugu.s2");
}

TEST_CASE("cart: a second market is refused until the buyer replaces the cart") {
    MarketFile tugu = TestMarket("pasar-tugu"), koga = TestMarket("pasar-koga");
    Cart cart;
    REQUIRE(AddToCart(&cart, tugu, "pasar-tugu.p1", 500, "", Substitution::ContactMe).ok());
    CartChange other = AddToCart(&cart, koga, "pasar-koga.p1", 500, "", Substitution::ContactMe);
    CHECK(other.status == CartStatus::OtherMarket);
    CHECK(other.other_market_id == "pasar-tugu");
    CHECK(cart.lines.size() == 1);
    CHECK(cart.market_id == "pasar-tugu");
    ReplaceCart(&cart, "pasar-koga");
    CHECK(cart.lines.empty());
    CHECK(AddToCart(&cart, koga, "pasar-koga.p1", 500, "", Substitution::ContactMe).status == CartStatus::Added);
    CHECK(cart.market_id == "pasar-koga");
}

TEST_CASE("cart: same product and note merge, another note keeps its own line") {
    MarketFile market = TestMarket();
    Cart cart;
    AddToCart(&cart, market, "pasar-tugu.p1", 250, "", Substitution::ContactMe);
    CartChange merged = AddToCart(&cart, market, "pasar-tugu.p1", 250, "  ", Substitution::ContactMe);
    CHECK(merged.status == CartStatus::Merged);
    CHECK(cart.lines.size() == 1);
    CHECK(cart.lines[0].qty_milli == 500);
    CHECK(AddToCart(&cart, market, "pasar-tugu.p1", 100, "yang merah saja", Substitution::ContactMe).status ==
          CartStatus::Added);
    CHECK(cart.lines.size() == 2);
    // Changing the second line's note to the first's merges them.
    CartChange note = SetLineNote(&cart, market, 1, "");
    CHECK(note.status == CartStatus::Merged);
    REQUIRE(cart.lines.size() == 1);
    CHECK(cart.lines[0].qty_milli == 600);
}

TEST_CASE("cart: quantity limits") {
    MarketFile market = TestMarket();
    Cart cart;
    CHECK(AddToCart(&cart, market, "pasar-tugu.p3", 0, "", Substitution::ContactMe).status == CartStatus::BadQuantity);
    CHECK(AddToCart(&cart, market, "pasar-tugu.p3", -500, "", Substitution::ContactMe).status == CartStatus::BadQuantity);
    CHECK(AddToCart(&cart, market, "pasar-tugu.p3", MAX_QTY_MILLI + 1, "", Substitution::ContactMe).status ==
          CartStatus::BadQuantity);
    CartChange half = AddToCart(&cart, market, "pasar-tugu.p2", 1500, "", Substitution::ContactMe);
    CHECK(half.quantity.error == QuantityError::NotWholePiece);
    CHECK(half.quantity.piece_name == "ikat");
    // Chilli is sold in steps (1 ons, 1/4, 1/2, 1 kg): any multiple of 50 g works, 120 g does not.
    CHECK(AddToCart(&cart, market, "pasar-tugu.p1", 350, "", Substitution::ContactMe).ok());
    CartChange step = AddToCart(&cart, market, "pasar-tugu.p1", 120, "x", Substitution::ContactMe);
    CHECK(step.status == CartStatus::BadQuantity);
    CHECK(step.quantity.error == QuantityError::OffStep);
    CHECK(FormatQuantity(step.quantity.limit_milli, step.quantity.unit, "") == "50 g");
    // Free weight: 1,234 kg of chicken is fine.
    CHECK(AddToCart(&cart, market, "pasar-tugu.p3", 1234, "", Substitution::ContactMe).ok());
    // Merging past the limit is refused and leaves the line alone.
    REQUIRE(AddToCart(&cart, market, "pasar-tugu.p2", MAX_QTY_MILLI, "", Substitution::ContactMe).ok());
    CHECK(AddToCart(&cart, market, "pasar-tugu.p2", 1000, "", Substitution::ContactMe).status == CartStatus::BadQuantity);
    CHECK(cart.lines.back().qty_milli == MAX_QTY_MILLI);
    CHECK(SetLineQuantity(&cart, market, 0, -1).status == CartStatus::BadQuantity);
    CHECK(SetLineQuantity(&cart, market, 0, 500).status == CartStatus::Updated);
    CHECK(SetLineQuantity(&cart, market, 99, 500).status == CartStatus::NoSuchLine);
}

TEST_CASE("cart: sold out, unknown products and bad notes") {
    MarketFile market = TestMarket();
    Cart cart;
    CHECK(AddToCart(&cart, market, "pasar-tugu.p4", 500, "", Substitution::ContactMe).status == CartStatus::SoldOut);
    CHECK(AddToCart(&cart, market, "pasar-tugu.p99", 500, "", Substitution::ContactMe).status == CartStatus::UnknownProduct);
    CHECK(AddToCart(&cart, market, "pasar-tugu.p3", 500, std::string(MAX_NOTE_CHARS + 1, 'a'), Substitution::ContactMe).status ==
          CartStatus::BadNote);
    CHECK(AddToCart(&cart, market, "pasar-tugu.p3", 500, "potong\n8", Substitution::ContactMe).status == CartStatus::BadNote);
    CHECK(cart.lines.empty());
    CHECK(cart.market_id.empty());
}

TEST_CASE("cart: substitution choice, removal and the price of a vanished product") {
    MarketFile market = TestMarket();
    Cart cart;
    AddToCart(&cart, market, "pasar-tugu.p3", 1000, "", Substitution::ContactMe);
    AddToCart(&cart, market, "pasar-tugu.p1", 500, "", Substitution::ContactMe);
    CHECK(SetLineSubstitution(&cart, 0, Substitution::CancelItem).ok());
    CHECK(cart.lines[0].substitution == Substitution::CancelItem);
    CHECK(ParseSubstitution("ganti_serupa") == Substitution::ReplaceSimilar);
    CHECK(ParseSubstitution("hubungi_saya") == Substitution::ContactMe);
    market.stalls[1].products.clear();  // the chicken stall delisted its products
    PricedCart priced = PriceCart(cart, market);
    CHECK(priced.unavailable_count == 1);
    CHECK(priced.subtotal_rp == 21000);
    CHECK(priced.lines.back().product == nullptr);
    CHECK(RemoveCartLine(&cart, 0).ok());
    CHECK(RemoveCartLine(&cart, 0).ok());
    CHECK(cart.market_id.empty());
}

TEST_CASE("cart: JSON round-trip and validation") {
    MarketFile market = TestMarket();
    Cart cart;
    AddToCart(&cart, market, "pasar-tugu.p3", 1500, "potong 8, tanpa kepala", Substitution::ReplaceSimilar);
    AddToCart(&cart, market, "pasar-tugu.p2", 2000, "", Substitution::CancelItem);
    std::string text = EncodeCart(cart);
    Decoded<Cart> decoded = DecodeCart(text);
    REQUIRE(decoded.ok);
    CHECK(EncodeCart(decoded.value) == text);
    CHECK(decoded.value.lines[0].note == "potong 8, tanpa kepala");
    CHECK(decoded.value.lines[1].substitution == Substitution::CancelItem);

    CHECK(FormatDecodeError(DecodeCart("{}").error) == "format_version: is required");
    CHECK(FormatDecodeError(DecodeCart(R"({"format_version":1,"market_id":"pasar-tugu","lines":[{"product_id":"a","stall_id":"b","qty_milli":-1,"note":"","substitution":"hubungi_saya"}]})").error) ==
          "lines[0].qty_milli: must be > 0");
    CHECK(FormatDecodeError(DecodeCart(R"({"format_version":1,"market_id":"pasar-tugu","lines":[{"product_id":"a","stall_id":"b","qty_milli":1,"note":"","substitution":"terserah"}]})").error) ==
          "lines[0].substitution: must be one of ganti_serupa, batalkan_item, hubungi_saya");
    CHECK(FormatDecodeError(DecodeCart(R"({"format_version":1,"market_id":"","lines":[{"product_id":"a","stall_id":"b","qty_milli":1,"note":"","substitution":"hubungi_saya"}]})").error) ==
          "market_id: is required when the cart has lines");
}

TEST_CASE("cart: a closed stall's products cannot be added, and its lines already in the cart are flagged") {
    MarketFile market = TestMarket();
    Cart cart;
    REQUIRE(AddToCart(&cart, market, "pasar-tugu.p3", 1000, "", Substitution::ContactMe).ok());
    REQUIRE(AddToCart(&cart, market, "pasar-tugu.p1", 250, "", Substitution::ContactMe).ok());
    market.stalls[1].closed = true;  // Los Ayam closes for the day
    CartChange refused = AddToCart(&cart, market, "pasar-tugu.p3", 1000, "", Substitution::ContactMe);
    CHECK(refused.status == CartStatus::StallClosed);
    CHECK_FALSE(refused.ok());
    CHECK(cart.lines[0].qty_milli == 1000);
    PricedCart priced = PriceCart(cart, market);
    CHECK(priced.unavailable_count == 1);
    CHECK(priced.subtotal_rp == 10500);  // only the open stall's chilli
    for (const PricedLine& line : priced.lines) {
        CHECK(line.stall_closed == (line.stall->id == "pasar-tugu.s2"));
        CHECK(line.available == !line.stall_closed);
    }
}

TEST_CASE("cart: a market file marks a closed stall with \"closed\": true, and says nothing while it is open") {
    std::optional<std::string> text = pasar_test::ReadAsset("catalog/markets/pasar-tugu.json");
    REQUIRE(text);
    Decoded<MarketFile> open = DecodeMarketFile(*text);
    REQUIRE(open.ok);
    CHECK(EncodeMarketFile(open.value).find("\"closed\"") == std::string::npos);
    MarketFile market = open.value;
    market.stalls[2].closed = true;
    Decoded<MarketFile> decoded = DecodeMarketFile(EncodeMarketFile(market));
    REQUIRE(decoded.ok);
    CHECK(decoded.value.stalls[2].closed);
    CHECK_FALSE(decoded.value.stalls[0].closed);
    CHECK(EncodeMarketFile(decoded.value) == EncodeMarketFile(market));
    std::string bad = EncodeMarketFile(market);
    bad.replace(bad.find("\"closed\":true"), 13, "\"closed\":1");
    Decoded<MarketFile> refused = DecodeMarketFile(bad);
    CHECK_FALSE(refused.ok);
    CHECK(refused.error.path == "stalls[2].closed");
}
