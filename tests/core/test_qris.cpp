#include <catch2/catch.hpp>

#include "core/qris.h"

using namespace pasar;

// Built by hand from the QRIS layout (000201, 010211, 51 with ID.CO.QRIS.WWW + NMID, 52 MCC, 53 360,
// 58 ID, 59 name, 60 city, 61 postal code, 6304 CRC). Both CRCs were computed independently with
//   python3 -c "import binascii; print('%04X' % binascii.crc_hqx(PAYLOAD_WITHOUT_CRC.encode(), 0xFFFF))"
static const char STATIC_QRIS[] =
    "00020101021151440014ID.CO.QRIS.WWW0215ID10200123456780303UMI5204541153033605802ID"
    "5919LOS SAYUR BLOK B 126014BANDAR LAMPUNG61053511163042E2C";
// The same code for one order of Rp47.500: 010212, 5405 47500 before 58, new CRC.
static const char ORDER_QRIS_47500[] =
    "00020101021251440014ID.CO.QRIS.WWW0215ID10200123456780303UMI5204541153033605405475005802ID"
    "5919LOS SAYUR BLOK B 126014BANDAR LAMPUNG6105351116304DC6B";

TEST_CASE("qris: CRC-16/CCITT-FALSE check value") {
    CHECK(ComputeCrc16CcittFalse("123456789") == 0x29B1);  // the catalogued check value
    CHECK(FormatCrcHex(0x29B1) == "29B1");
    CHECK(FormatCrcHex(0x00AF) == "00AF");
}

TEST_CASE("qris: parses a static stall code") {
    QrisParse q = ParseQris(STATIC_QRIS);
    INFO(q.message);
    REQUIRE(q.ok());
    CHECK_FALSE(q.is_dynamic);
    CHECK(q.amount_rp == 0);
    CHECK(q.merchant_name == "LOS SAYUR BLOK B 12");
    CHECK(q.merchant_city == "BANDAR LAMPUNG");
    CHECK(q.nmid == "ID1020012345678");
    REQUIRE(q.fields.size() == 10);
    CHECK(q.fields.back().tag == "63");
    CHECK(q.fields.back().value == "2E2C");
}

TEST_CASE("qris: makes a per-order code with the amount") {
    QrisBuild build = MakeOrderQris(STATIC_QRIS, 47500);
    REQUIRE(build.ok());
    CHECK(build.payload == ORDER_QRIS_47500);
    QrisParse q = ParseQris(build.payload);
    REQUIRE(q.ok());
    CHECK(q.is_dynamic);
    CHECK(q.amount_rp == 47500);
    // Re-pricing an order code replaces the amount instead of adding a second one.
    QrisBuild again = MakeOrderQris(build.payload, 12000);
    REQUIRE(again.ok());
    CHECK(ParseQris(again.payload).amount_rp == 12000);
    CHECK(again.payload.find("540547500") == std::string::npos);
}

TEST_CASE("qris: rejects damaged codes with clear errors") {
    std::string good = STATIC_QRIS;
    std::string bad_crc = good.substr(0, good.size() - 4) + "2E2D";
    QrisParse q = ParseQris(bad_crc);
    CHECK(q.error == QrisError::CrcMismatch);
    CHECK(q.message.find("2E2C") != std::string::npos);

    std::string changed_name = good;
    changed_name.replace(changed_name.find("BLOK B"), 6, "BLOK C");
    CHECK(ParseQris(changed_name).error == QrisError::CrcMismatch);

    CHECK(ParseQris("").error == QrisError::Empty);
    CHECK(ParseQris(good.substr(0, 40)).error == QrisError::Truncated);
    CHECK(ParseQris("000201XY0211").error == QrisError::BadTag);
    CHECK(ParseQris("00020101021163041234").error == QrisError::CrcMismatch);
    CHECK(ParseQris("000201010211").error == QrisError::CrcNotLast);
    CHECK(ParseQris(std::string(600, '0')).error == QrisError::TooLong);
    CHECK(ParseQris("000201\n").error == QrisError::BadCharacter);
    CHECK(MakeOrderQris(STATIC_QRIS, 0).error == QrisError::AmountInvalid);
    CHECK(MakeOrderQris(STATIC_QRIS, -5).error == QrisError::AmountInvalid);
}

TEST_CASE("qris: checks required tags and values") {
    // Built with EncodeQrisWithCrc so only the tested rule is broken, not the CRC.
    std::vector<QrisField> fields = {{"00", "01"}, {"01", "11"}, {"51", "0014ID.CO.QRIS.WWW0215ID1020012345678"},
                                     {"52", "5411"}, {"53", "360"}, {"58", "ID"}, {"59", "KIOS TELUR 3"},
                                     {"60", "BANDAR LAMPUNG"}};
    REQUIRE(ParseQris(EncodeQrisWithCrc(fields)).ok());
    auto with = [&](const char* tag, const char* value) {
        std::vector<QrisField> changed = fields;
        for (QrisField& f : changed)
            if (f.tag == tag) f.value = value;
        return ParseQris(EncodeQrisWithCrc(changed));
    };
    CHECK(with("53", "840").error == QrisError::BadValue);
    CHECK(with("58", "SG").error == QrisError::BadValue);
    CHECK(with("01", "13").error == QrisError::BadValue);
    CHECK(with("00", "02").error == QrisError::BadValue);
    CHECK(with("51", "0212ID1020012345").error == QrisError::MissingField);
    std::vector<QrisField> no_city(fields.begin(), fields.end() - 1);
    QrisParse missing = ParseQris(EncodeQrisWithCrc(no_city));
    CHECK(missing.error == QrisError::MissingField);
    CHECK(missing.message.find("60") != std::string::npos);
    std::vector<QrisField> twice = fields;
    twice.push_back({"59", "LAGI"});
    CHECK(ParseQris(EncodeQrisWithCrc(twice)).error == QrisError::DuplicateTag);
    std::vector<QrisField> bad_amount = fields;
    bad_amount.insert(bad_amount.begin() + 5, {"54", "12,5"});
    CHECK(ParseQris(EncodeQrisWithCrc(bad_amount)).error == QrisError::BadValue);
}
