#include <catch2/catch.hpp>

#include <functional>

#include "core/catalog.h"
#include "core/catalog_gen.h"
#include "fixtures.h"

using namespace pasar;
using nlohmann::json;

static GeneratorOptions SmallOptions() {
    GeneratorOptions o;
    o.seed = 7;
    o.region_count = 2;
    o.markets_per_region = 2;
    o.stalls_per_market = 3;
    o.products_per_stall = 6;
    return o;
}

TEST_CASE("catalog: the issue's example path for a bad price") {
    Catalog c = GenerateCatalog(SmallOptions());
    GeneratedFiles files = EncodeCatalogFiles(c);
    json market = json::parse(files.market_json[3], nullptr, false);
    market["stalls"][2]["products"][5]["price_rp"] = 0;
    Decoded<MarketFile> decoded = DecodeMarketFile(market.dump(), &c.index, 3);
    CHECK_FALSE(decoded.ok);
    CHECK(FormatDecodeError(decoded.error) == "markets[3].stalls[2].products[5].price_rp: must be > 0");
}

TEST_CASE("catalog: generated catalogue decodes and round-trips") {
    Catalog c = GenerateCatalog(SmallOptions());
    GeneratedFiles files = EncodeCatalogFiles(c);
    Decoded<CatalogIndex> index = DecodeCatalogIndex(files.index_json);
    REQUIRE(index.ok);
    CHECK(EncodeCatalogIndex(index.value) == files.index_json);
    REQUIRE(index.value.markets.size() == 4);
    for (size_t i = 0; i < files.market_json.size(); ++i) {
        Decoded<MarketFile> m = DecodeMarketFile(files.market_json[i], &index.value, i);
        INFO(FormatDecodeError(m.error));
        REQUIRE(m.ok);
        CHECK(EncodeMarketFile(m.value) == files.market_json[i]);
    }
}

TEST_CASE("catalog: the generator is deterministic and makes 20,000+ products over 15 regions") {
    GeneratorOptions o;
    Catalog a = GenerateCatalog(o);
    CHECK(a.index.regions.size() == 15);
    size_t products = 0;
    for (const auto& m : a.markets)
        for (const Stall& s : m->stalls) products += s.products.size();
    CHECK(products >= 20000);
    GeneratorOptions small = SmallOptions();
    CHECK(EncodeCatalogFiles(GenerateCatalog(small)).market_json[1] ==
          EncodeCatalogFiles(GenerateCatalog(small)).market_json[1]);
    small.seed = 8;
    CHECK(EncodeCatalogFiles(GenerateCatalog(small)).market_json[1] !=
          EncodeCatalogFiles(GenerateCatalog(SmallOptions())).market_json[1]);
}

static std::string IndexError(const std::function<void(json&)>& change) {
    json doc = json::parse(EncodeCatalogFiles(GenerateCatalog(SmallOptions())).index_json, nullptr, false);
    change(doc);
    Decoded<CatalogIndex> d = DecodeCatalogIndex(doc.dump());
    return d.ok ? "ok" : FormatDecodeError(d.error);
}

TEST_CASE("catalog: index errors name the first bad field") {
    CHECK(IndexError([](json&) {}) == "ok");
    CHECK(IndexError([](json& d) { d["format_version"] = 2; }) ==
          "format_version: must be 1 (this app reads catalogue format 1)");
    CHECK(IndexError([](json& d) { d["regions"][1]["kind"] = "provinsi"; }) ==
          "regions[1].kind: must be kota or kabupaten");
    CHECK(IndexError([](json& d) { d["regions"][1]["id"] = d["regions"][0]["id"]; }) ==
          "regions[1].id: duplicate id 'bandar-lampung'");
    CHECK(IndexError([](json& d) { d["markets"][1]["region_id"] = "jakarta"; }) ==
          "markets[1].region_id: unknown region 'jakarta'");
    CHECK(IndexError([](json& d) { d["markets"][2]["hours"]["open"] = "25:00"; }) ==
          "markets[2].hours.open: must be a time HH:MM (00:00 to 23:59)");
    CHECK(IndexError([](json& d) { d["markets"][0]["area_distance_m"]["atlantis"] = 100; }) ==
          "markets[0].area_distance_m.atlantis: unknown area");
    CHECK(IndexError([](json& d) { d["markets"][0]["area_distance_m"]["kedaton"] = 12.5; }) ==
          "markets[0].area_distance_m.kedaton: must be an integer");
    CHECK(IndexError([](json& d) { d["markets"][3]["auction_days"] = {1, 7}; }) ==
          "markets[3].auction_days[1]: must be at most 6");
    CHECK(IndexError([](json& d) { d["markets"][0]["file"] = "../etc/passwd"; }) ==
          "markets[0].file: must be markets/pasar-induk-bandar-lampung.json");
    CHECK(IndexError([](json& d) { d["markets"][0].erase("pickup_point"); }) == "markets[0].pickup_point: is required");
    CHECK(IndexError([](json& d) { d["markets"][0]["name"] = "  "; }) == "markets[0].name: must not be empty");
    CHECK(IndexError([](json& d) { d["markets"] = json::object(); }) == "markets: must be an array");
    CHECK(IndexError([](json& d) { d = json::array(); }) == "document: must be an object");
}

TEST_CASE("catalog: text that is not JSON is refused, never thrown") {
    CHECK(FormatDecodeError(DecodeCatalogIndex("{\"format_version\": 1,").error) == "document: not valid JSON");
    CHECK(FormatDecodeError(DecodeCatalogIndex("").error) == "document: not valid JSON");
    Catalog c = GenerateCatalog(SmallOptions());
    CHECK(FormatDecodeError(DecodeMarketFile("[1,2", &c.index, 2).error) == "markets[2]: not valid JSON");
}

static std::string MarketError(const std::function<void(json&)>& change) {
    Catalog c = GenerateCatalog(SmallOptions());
    json doc = json::parse(EncodeCatalogFiles(c).market_json[1], nullptr, false);
    change(doc);
    Decoded<MarketFile> d = DecodeMarketFile(doc.dump(), &c.index, 1);
    return d.ok ? "ok" : FormatDecodeError(d.error);
}

TEST_CASE("catalog: market file errors name the first bad field") {
    CHECK(MarketError([](json&) {}) == "ok");
    CHECK(MarketError([](json& d) { d["market_id"] = "pasar-lain"; }) ==
          "markets[1].market_id: must be 'pasar-baru-bandar-lampung' as in the index");
    CHECK(MarketError([](json& d) { d["catalog_version"] = "old"; }) ==
          "markets[1].catalog_version: must be '2026-11-29.synthetic' as in the index");
    CHECK(MarketError([](json& d) { d["stalls"][0]["products"][1]["unit"] = "ton"; }) ==
          "markets[1].stalls[0].products[1].unit: must be one of kg, liter, piece");
    CHECK(MarketError([](json& d) { d["stalls"][0]["products"][1]["price_rp"] = -5; }) ==
          "markets[1].stalls[0].products[1].price_rp: must be > 0");
    CHECK(MarketError([](json& d) { d["stalls"][0]["products"][1]["price_rp"] = "12.500"; }) ==
          "markets[1].stalls[0].products[1].price_rp: must be an integer");
    CHECK(MarketError([](json& d) { d["stalls"][0]["products"][1]["price_date"] = "2026-02-30"; }) ==
          "markets[1].stalls[0].products[1].price_date: must be a date YYYY-MM-DD");
    CHECK(MarketError([](json& d) { d["stalls"][0]["products"][1]["steps"][0]["qty_milli"] = 0; }) ==
          "markets[1].stalls[0].products[1].steps[0].qty_milli: must be > 0");
    CHECK(MarketError([](json& d) { d["stalls"][0]["products"][1]["steps"] = json::array(); }) ==
          "markets[1].stalls[0].products[1].steps: must have at least one step");
    CHECK(MarketError([](json& d) { d["stalls"][0]["products"][1]["availability"] = "ada"; }) ==
          "markets[1].stalls[0].products[1].availability: must be one of tersedia, terbatas, habis");
    CHECK(MarketError([](json& d) { d["stalls"][0]["products"][1]["category"] = "elektronik"; }) ==
          "markets[1].stalls[0].products[1].category: unknown category 'elektronik'");
    CHECK(MarketError([](json& d) { d["stalls"][0]["products"][1]["weighed"] = 1; }) ==
          "markets[1].stalls[0].products[1].weighed: must be true or false");
    CHECK(MarketError([](json& d) { d["stalls"][0]["products"][1]["ref_price_rp"] = 30000; d["stalls"][0]["products"][1].erase("ref_price_date"); }) ==
          "markets[1].stalls[0].products[1].ref_price_date: is required together with ref_price_rp");
    CHECK(MarketError([](json& d) { d["stalls"][2]["products"][0]["id"] = d["stalls"][0]["products"][0]["id"]; }) ==
          "markets[1].stalls[2].products[0].id: duplicate product id 'pasar-baru-bandar-lampung.s1.p1'");
    CHECK(MarketError([](json& d) { d["stalls"][1]["id"] = d["stalls"][0]["id"]; }) ==
          "markets[1].stalls[1].id: duplicate stall id 'pasar-baru-bandar-lampung.s1'");
    CHECK(MarketError([](json& d) { d["stalls"][0]["phone"] = "0812-3456-7890"; }) ==
          "markets[1].stalls[0].phone: must be written as +6281234567890");
    CHECK(MarketError([](json& d) { d["stalls"][0]["qris"] = "000201010211"; }) ==
          "markets[1].stalls[0].qris: payload must end with the CRC field 6304XXXX");
    CHECK(MarketError([](json& d) { d["stalls"].erase(2); }) ==
          "markets[1].stalls: has 2 stalls but the index says stall_count 3");
    CHECK(MarketError([](json& d) { d["stalls"][2]["products"].erase(0); }) ==
          "markets[1].stalls: has 17 products but the index says product_count 18");
}

TEST_CASE("catalog: a product id may not be reused by another market") {
    Catalog c = GenerateCatalog(SmallOptions());
    GeneratedFiles files = EncodeCatalogFiles(c);
    Catalog fresh = MakeCatalog(c.index);
    DecodeError error;
    REQUIRE(LoadMarketFile(&fresh, 0, files.market_json[0], &error));
    json other = json::parse(files.market_json[1], nullptr, false);
    other["stalls"][1]["products"][2]["id"] = "pasar-induk-bandar-lampung.s1.p1";
    CHECK_FALSE(LoadMarketFile(&fresh, 1, other.dump(), &error));
    CHECK(FormatDecodeError(error) ==
          "markets[1].stalls[1].products[2].id: product id 'pasar-induk-bandar-lampung.s1.p1' is already used by "
          "pasar-induk-bandar-lampung");
    CHECK_FALSE(fresh.markets[1].has_value());
    // Reloading the same market (a newer copy) is fine.
    CHECK(LoadMarketFile(&fresh, 0, files.market_json[0], &error));
}

TEST_CASE("catalog: the pilot catalogue decodes: 14+ markets, 8+ stalls each, 1,000+ products, prices > 0") {
    std::optional<std::string> index_text = pasar_test::ReadAsset("catalog/index.json");
    if (!index_text) {
        WARN("assets/catalog/index.json not present; pilot catalogue not checked");
        return;
    }
    Decoded<CatalogIndex> index = DecodeCatalogIndex(*index_text);
    INFO(FormatDecodeError(index.error));
    REQUIRE(index.ok);
    CHECK(index.value.markets.size() >= 14);
    CHECK(index.value.regions.size() == 15);
    Catalog catalog = MakeCatalog(index.value);
    size_t products = 0;
    for (size_t i = 0; i < catalog.index.markets.size(); ++i) {
        const MarketInfo& info = catalog.index.markets[i];
        std::optional<std::string> text = pasar_test::ReadAsset("catalog/" + info.file);
        INFO(info.file);
        REQUIRE(text.has_value());
        DecodeError error;
        INFO(FormatDecodeError(error));
        REQUIRE(LoadMarketFile(&catalog, i, *text, &error));
        const MarketFile& market = *catalog.markets[i];
        CHECK(market.stalls.size() >= 8);
        for (const Stall& stall : market.stalls) {
            for (const Product& p : stall.products) {
                ++products;
                CHECK(p.price_rp > 0);
            }
        }
        CHECK(EncodeMarketFile(DecodeMarketFile(EncodeMarketFile(market)).value) == EncodeMarketFile(market));
    }
    CHECK(products >= 1000);
    CHECK(DecodeCatalogIndex(EncodeCatalogIndex(catalog.index)).ok);
}
