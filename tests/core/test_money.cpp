#include <catch2/catch.hpp>

#include <limits>

#include "core/money.h"
#include "fixtures.h"

using namespace pasar;

TEST_CASE("money: formats rupiah with full stops") {
    CHECK(FormatRupiah(12500) == "Rp12.500");
    CHECK(FormatRupiah(0) == "Rp0");
    CHECK(FormatRupiah(999) == "Rp999");
    CHECK(FormatRupiah(1000) == "Rp1.000");
    CHECK(FormatRupiah(1250000) == "Rp1.250.000");
    CHECK(FormatRupiah(-12500) == "-Rp12.500");
    CHECK(FormatRupiah(std::numeric_limits<int64_t>::min()) == "-Rp9.223.372.036.854.775.808");
    CHECK(FormatRupiah(std::numeric_limits<int64_t>::max()) == "Rp9.223.372.036.854.775.807");
}

TEST_CASE("money: receipt form adds ,00") {
    CHECK(FormatRupiahReceipt(12500) == "Rp12.500,00");
    CHECK(FormatRupiahReceipt(-500) == "-Rp500,00");
}

TEST_CASE("money: parses the forms seen in the wild") {
    const std::pair<const char*, int64_t> cases[] = {
        {"Rp12.500", 12500}, {"Rp 12.500", 12500}, {"12.500", 12500},  {"12500", 12500},
        {"rp12500", 12500},  {"Rp. 12.500", 12500}, {"Rp12.500,00", 12500}, {" 12.500 ", 12500},
        {"1.250.000", 1250000}, {"0", 0}, {"-Rp12.500", -12500}, {"IDR 5.000", 5000},
    };
    for (const auto& c : cases) {
        INFO(c.first);
        MoneyParse parsed = ParseRupiah(c.first);
        REQUIRE(parsed.ok());
        CHECK(parsed.amount_rp == c.second);
    }
}

TEST_CASE("money: parses 12rb") {
    CHECK(ParseRupiah("12rb").amount_rp == 12000);
    CHECK(ParseRupiah("12 rb").amount_rp == 12000);
    CHECK(ParseRupiah("12ribu").amount_rp == 12000);
    CHECK(ParseRupiah("12,5rb").amount_rp == 12500);
    CHECK(ParseRupiah("12.5rb").amount_rp == 12500);
    CHECK(ParseRupiah("Rp12rb").amount_rp == 12000);
    CHECK(ParseRupiah("15k").amount_rp == 15000);
}

TEST_CASE("money: parses 1,2jt") {
    CHECK(ParseRupiah("1,2jt").amount_rp == 1200000);
    CHECK(ParseRupiah("1 juta").amount_rp == 1000000);
    CHECK(ParseRupiah("1,25 JT").amount_rp == 1250000);
    CHECK(ParseRupiah("1.5jt").amount_rp == 1500000);
}

TEST_CASE("money: rejects garbage with a reason") {
    CHECK(ParseRupiah("").error == MoneyError::Empty);
    CHECK(ParseRupiah("   ").error == MoneyError::Empty);
    CHECK(ParseRupiah("abc").error == MoneyError::InvalidCharacter);
    CHECK(ParseRupiah("Rp").error == MoneyError::InvalidCharacter);
    CHECK(ParseRupiah("12.500 rupiah").error == MoneyError::InvalidCharacter);
    CHECK(ParseRupiah("12#500").error == MoneyError::InvalidCharacter);
    CHECK(ParseRupiah("12.50").error == MoneyError::BadGrouping);
    CHECK(ParseRupiah("1234.567").error == MoneyError::BadGrouping);
    CHECK(ParseRupiah("12.5000").error == MoneyError::BadGrouping);
    CHECK(ParseRupiah("12,5").error == MoneyError::NotWholeRupiah);
    CHECK(ParseRupiah("1,2345rb").error == MoneyError::NotWholeRupiah);
    CHECK_FALSE(ParseRupiah("12,5").message.empty());
}

TEST_CASE("money: rejects overflow") {
    CHECK(ParseRupiah("9223372036854775807").amount_rp == std::numeric_limits<int64_t>::max());
    CHECK(ParseRupiah("9223372036854775808").error == MoneyError::Overflow);
    CHECK(ParseRupiah("-9223372036854775808").amount_rp == std::numeric_limits<int64_t>::min());
    CHECK(ParseRupiah("99999999999999999999999").error == MoneyError::Overflow);
    CHECK(ParseRupiah("9223372036854776jt").error == MoneyError::Overflow);
    CHECK(ParseRupiah("9223372036854775807").message.empty());
}

TEST_CASE("money: format then parse gives the same amount") {
    const int64_t amounts[] = {0, 1, 999, 1000, 12500, 1234567890, -42, std::numeric_limits<int64_t>::max(),
                               std::numeric_limits<int64_t>::min()};
    for (int64_t amount : amounts) {
        CHECK(ParseRupiah(FormatRupiah(amount)).amount_rp == amount);
        CHECK(ParseRupiah(FormatRupiahReceipt(amount)).amount_rp == amount);
    }
}

TEST_CASE("money: line totals match the shared fixture") {
    nlohmann::json doc = pasar_test::ReadFixtureJson("core/line_totals.json");
    REQUIRE(doc.is_object());
    REQUIRE(doc["cases"].size() >= 15);
    for (const auto& c : doc["cases"]) {
        INFO(c["name"].get<std::string>());
        int64_t total = -1;
        bool ok = ComputeLineTotalRp(c["price_rp"].get<int64_t>(), c["qty_milli"].get<int64_t>(), &total);
        if (c.contains("expect_line_total_rp")) {
            REQUIRE(ok);
            CHECK(total == c["expect_line_total_rp"].get<int64_t>());
        } else {
            CHECK_FALSE(ok);
            CHECK(total == -1);
        }
    }
}

TEST_CASE("money: line total rounds half up") {
    int64_t total = 0;
    REQUIRE(ComputeLineTotalRp(12345, 500, &total));
    CHECK(total == 6173);  // 6172,5
    REQUIRE(ComputeLineTotalRp(12343, 500, &total));
    CHECK(total == 6172);  // 6171,5 -> 6172
    REQUIRE(ComputeLineTotalRp(3, 100, &total));
    CHECK(total == 0);  // 0,3
}
