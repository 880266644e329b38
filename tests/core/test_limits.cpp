// Limits: the constants of core/limits.h are the numbers of assets/limits.json, which serve.py reads.
// A limit changed on one side only fails here, and every limit the file names must be known here.
#include <catch2/catch.hpp>

#include <map>

#include "core/cart.h"
#include "core/checkout.h"
#include "core/limits.h"
#include "core/units.h"
#include "fixtures.h"

using namespace pasar;

TEST_CASE("limits: core/limits.h holds exactly the numbers of assets/limits.json") {
    std::optional<std::string> text = pasar_test::ReadAsset("limits.json");
    REQUIRE(text);
    nlohmann::json doc = nlohmann::json::parse(*text);
    CHECK(doc.at("format_version") == LIMITS_FORMAT_VERSION);
    const std::map<std::string, int64_t> scalars = {
        {"max_price_rp", MAX_ORDER_PRICE_RP},
        {"max_lines_per_order", static_cast<int64_t>(MAX_LINES_PER_ORDER)},
        {"max_note_chars", static_cast<int64_t>(MAX_NOTE_CHARS)},
        {"max_buyer_name_chars", static_cast<int64_t>(MAX_BUYER_NAME_CHARS)},
        {"max_address_chars", static_cast<int64_t>(MAX_ADDRESS_CHARS)},
        {"max_landmark_chars", static_cast<int64_t>(MAX_LANDMARK_CHARS)},
        {"max_reason_chars", static_cast<int64_t>(MAX_REASON_CHARS)},
    };
    const std::map<std::string, int64_t> per_unit = {
        {"kg", MaxQtyMilli(BaseUnit::Kg)}, {"liter", MaxQtyMilli(BaseUnit::Liter)}, {"piece", MaxQtyMilli(BaseUnit::Piece)}};
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        INFO("assets/limits.json: " << it.key());
        if (it.key() == "comment" || it.key() == "format_version") continue;
        if (it.key() == "max_qty_milli_by_unit") {
            CHECK(it.value().size() == per_unit.size());
            for (auto u = it.value().begin(); u != it.value().end(); ++u) {
                INFO("unit " << u.key());
                REQUIRE(per_unit.count(u.key()) == 1);
                CHECK(u.value() == per_unit.at(u.key()));
            }
            continue;
        }
        REQUIRE(scalars.count(it.key()) == 1);  // a limit this build does not enforce
        CHECK(it.value() == scalars.at(it.key()));
    }
    CHECK(MAX_ORDER_PRICE_RP == MAX_PRICE_RP);  // the catalogue's bound is the order's
}

TEST_CASE("limits: the product page refuses what serve.py refuses (200 kg, 200 liter, 500 pieces)") {
    CHECK(ParseQuantity("200 kg", BaseUnit::Kg, "").qty_milli == 200000);
    QuantityParse too_much = ParseQuantity("201 kg", BaseUnit::Kg, "");
    CHECK(too_much.error == QuantityError::TooLarge);
    CHECK(too_much.limit_milli == 200000);  // "Paling banyak 200 kg per barang." (tests/app/test_code_words.cpp)
    CHECK(FormatQuantity(too_much.limit_milli, too_much.unit, too_much.piece_name) == "200 kg");
    CHECK(ParseQuantity("500 kg", BaseUnit::Kg, "").error == QuantityError::TooLarge);
    CHECK(ParseQuantity("200,001 kg", BaseUnit::Kg, "").error == QuantityError::TooLarge);
    CHECK(ParseQuantity("200 liter", BaseUnit::Liter, "").ok());
    CHECK(ParseQuantity("201 liter", BaseUnit::Liter, "").error == QuantityError::TooLarge);
    CHECK(ParseQuantity("500 ikat", BaseUnit::Piece, "ikat").ok());
    CHECK(ParseQuantity("501 ikat", BaseUnit::Piece, "ikat").error == QuantityError::TooLarge);
}

TEST_CASE("limits: a note may hold 200 characters, counted as characters, not bytes") {
    std::string out;
    std::string ascii(MAX_NOTE_CHARS, 'a');
    CHECK(NormalizeNote(ascii, &out));
    CHECK_FALSE(NormalizeNote(ascii + "a", &out));
    std::string wide;  // 200 two-byte characters: 400 bytes, still 200 characters
    for (size_t i = 0; i < MAX_NOTE_CHARS; ++i) wide += "\xc3\xa9";
    CHECK(NormalizeNote(wide, &out));
    CHECK_FALSE(NormalizeNote(wide + "\xc3\xa9", &out));
    CHECK(CutUtf8Chars(wide + "xyz", MAX_NOTE_CHARS) == wide);
    CHECK(CutUtf8Chars("ab\xc3\xa9", 3) == "ab\xc3\xa9");
    CHECK(CutUtf8Chars("ab\xc3\xa9", 2) == "ab");
}
