#include <catch2/catch.hpp>

#include "core/units.h"

using namespace pasar;

static int64_t Kg(const char* text) {
    QuantityParse q = ParseQuantity(text, BaseUnit::Kg, "");
    INFO(text << ": error " << static_cast<int>(q.error) << " " << q.word);
    REQUIRE(q.ok());
    return q.qty_milli;
}

TEST_CASE("units: parses typed weights into thousandths of a kg") {
    CHECK(Kg("2,5 kg") == 2500);
    CHECK(Kg("2.5kg") == 2500);
    CHECK(Kg("250 g") == 250);
    CHECK(Kg("250gr") == 250);
    CHECK(Kg("3 ons") == 300);
    CHECK(Kg("1/4 kg") == 250);
    CHECK(Kg("1/4") == 250);
    CHECK(Kg("seperempat") == 250);
    CHECK(Kg("setengah kg") == 500);
    CHECK(Kg("Setengah Kilo") == 500);
    CHECK(Kg("sekilo") == 1000);
    CHECK(Kg("dua setengah kg") == 2500);
    CHECK(Kg("1 1/2 kg") == 1500);
    CHECK(Kg("tiga perempat kg") == 750);
    CHECK(Kg("satu ons") == 100);
    CHECK(Kg("\xC2\xBD kg") == 500);  // "½ kg"
    CHECK(Kg("1.000 g") == 1000);    // Indonesian thousands
    CHECK(Kg("2") == 2000);
    CHECK(Kg("0,125 kg") == 125);
    CHECK(Kg("2 kg.") == 2000);
}

TEST_CASE("units: liters and pieces") {
    CHECK(ParseQuantity("1/2 liter", BaseUnit::Liter, "").qty_milli == 500);
    CHECK(ParseQuantity("500 ml", BaseUnit::Liter, "").qty_milli == 500);
    CHECK(ParseQuantity("2 L", BaseUnit::Liter, "").qty_milli == 2000);
    CHECK(ParseQuantity("3 ikat", BaseUnit::Piece, "ikat").qty_milli == 3000);
    CHECK(ParseQuantity("3", BaseUnit::Piece, "ikat").qty_milli == 3000);
    CHECK(ParseQuantity("seikat", BaseUnit::Piece, "ikat").qty_milli == 1000);
    CHECK(ParseQuantity("40", BaseUnit::Piece, "butir").qty_milli == 40000);
}

TEST_CASE("units: nonsense gets a clear error") {
    auto error = [](const char* text, BaseUnit unit, const char* piece) {
        QuantityParse q = ParseQuantity(text, unit, piece);
        CHECK_FALSE(q.ok());  // the code with its data; src/ui's table says it (tests/app/test_code_words.cpp)
        return q.error;
    };
    CHECK(error("", BaseUnit::Kg, "") == QuantityError::Empty);
    CHECK(error("banyak", BaseUnit::Kg, "") == QuantityError::NotANumber);
    CHECK(error("kg", BaseUnit::Kg, "") == QuantityError::NotANumber);
    CHECK(error("2 karungan", BaseUnit::Kg, "") == QuantityError::UnknownUnit);
    CHECK(error("2 kg lagi", BaseUnit::Kg, "") == QuantityError::UnknownUnit);
    CHECK(error("1 liter", BaseUnit::Kg, "") == QuantityError::WrongUnit);
    CHECK(error("2 kg", BaseUnit::Piece, "ikat") == QuantityError::WrongUnit);
    CHECK(error("2 ekor", BaseUnit::Piece, "ikat") == QuantityError::WrongUnit);
    CHECK(error("250", BaseUnit::Kg, "") == QuantityError::NeedsUnit);
    CHECK(error("1,5 ikat", BaseUnit::Piece, "ikat") == QuantityError::NotWholePiece);
    CHECK(error("0 kg", BaseUnit::Kg, "") == QuantityError::NotPositive);
    CHECK(error("501 kg", BaseUnit::Kg, "") == QuantityError::TooLarge);
    CHECK(error("99999999999999 kg", BaseUnit::Kg, "") == QuantityError::TooLarge);
    CHECK(error("0,0005 kg", BaseUnit::Kg, "") == QuantityError::TooPrecise);
    CHECK(error("1/3 kg", BaseUnit::Kg, "") == QuantityError::TooPrecise);
    CHECK(error("1/0 kg", BaseUnit::Kg, "") == QuantityError::NotANumber);
    CHECK(error("2 3 kg", BaseUnit::Kg, "") == QuantityError::NotANumber);
    CHECK(error("-2 kg", BaseUnit::Kg, "") == QuantityError::NotANumber);
}

TEST_CASE("units: formats quantities the way people say them") {
    CHECK(FormatQuantity(2500, BaseUnit::Kg, "") == "2,5 kg");
    CHECK(FormatQuantity(250, BaseUnit::Kg, "") == "1/4 kg");
    CHECK(FormatQuantity(500, BaseUnit::Kg, "") == "1/2 kg");
    CHECK(FormatQuantity(1000, BaseUnit::Kg, "") == "1 kg");
    CHECK(FormatQuantity(300, BaseUnit::Kg, "") == "3 ons");
    CHECK(FormatQuantity(150, BaseUnit::Kg, "") == "150 g");
    CHECK(FormatQuantity(1250, BaseUnit::Kg, "") == "1,25 kg");
    CHECK(FormatQuantity(3000, BaseUnit::Piece, "ikat") == "3 ikat");
    CHECK(FormatQuantity(500, BaseUnit::Liter, "") == "1/2 liter");
    CHECK(FormatQuantity(330, BaseUnit::Liter, "") == "330 ml");
}

TEST_CASE("units: format then parse gives the same quantity") {
    for (int64_t q = 1; q <= 30000; q += 7) {
        INFO(q);
        CHECK(ParseQuantity(FormatQuantity(q, BaseUnit::Kg, ""), BaseUnit::Kg, "").qty_milli == q);
        CHECK(ParseQuantity(FormatQuantity(q, BaseUnit::Liter, ""), BaseUnit::Liter, "").qty_milli == q);
    }
    for (int64_t n = 1; n <= 500; ++n)
        CHECK(ParseQuantity(FormatQuantity(n * 1000, BaseUnit::Piece, "papan"), BaseUnit::Piece, "papan").qty_milli ==
              n * 1000);
}

TEST_CASE("units: per-kg price for comparison") {
    CHECK(ComputePricePerKgRp(BaseUnit::Kg, 30000, 0).value() == 30000);
    // A 1,2 kg chicken at Rp42.000 an ekor is Rp35.000 a kg.
    CHECK(ComputePricePerKgRp(BaseUnit::Piece, 42000, 1200).value() == 35000);
    // Tempe papan of 500 g at Rp5.000 -> Rp10.000/kg; 3 g rounding: 1000/3 = 333,33 -> 333
    CHECK(ComputePricePerKgRp(BaseUnit::Piece, 5000, 500).value() == 10000);
    CHECK(ComputePricePerKgRp(BaseUnit::Piece, 1, 3).value() == 333);
    CHECK_FALSE(ComputePricePerKgRp(BaseUnit::Piece, 2000, 0).has_value());
    CHECK_FALSE(ComputePricePerKgRp(BaseUnit::Liter, 17000, 0).has_value());
}

TEST_CASE("units: default sale steps") {
    std::vector<SaleStep> kg = MakeDefaultSteps(BaseUnit::Kg, "");
    REQUIRE(kg.size() == 4);
    CHECK(kg[0].label == "1 ons");
    CHECK(kg[0].qty_milli == 100);
    CHECK(kg[1].label == "1/4 kg");
    CHECK(kg[3].label == "1 kg");
    std::vector<SaleStep> ikat = MakeDefaultSteps(BaseUnit::Piece, "ikat");
    REQUIRE(ikat.size() == 1);
    CHECK(ikat[0].label == "1 ikat");
    CHECK(ikat[0].qty_milli == 1000);
}
