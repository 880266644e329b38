// QRIS: Indonesia's national QR payment code (EMVCo merchant-presented mode).
//
// A payload is ASCII TLV: two-digit tag, two-digit length, value. It starts with tag 00 = "01",
// tag 01 is "11" (static, printed at the stall) or "12" (dynamic, one payment), 51 carries
// "ID.CO.QRIS.WWW" and the merchant's NMID, 53 = "360" (rupiah), 54 the amount, 58 = "ID",
// 59 the merchant name, 60 the city, and it ends with 63 (length 04) holding CRC-16/CCITT-FALSE
// (poly 0x1021, init 0xFFFF, no reflection) over everything before the CRC digits, "6304" included,
// as 4 upper-case hex digits.
//
// MakeOrderQris turns a stall's static code into one for a single order: drop the CRC, set tag 01
// to "12", put the amount in tag 54 just before tag 58, recompute the CRC. No payment provider
// certifies such a code, so the app shows it as a convenience and the vendor confirms receipt.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pasar {

struct QrisField {
    std::string tag;    // two digits
    std::string value;
};

enum class QrisError {
    None,
    Empty,
    TooLong,           // more than 512 characters
    BadCharacter,      // not printable ASCII
    Truncated,         // a field's length runs past the end
    BadTag,            // tag or length not two digits
    MissingField,      // a required tag is absent
    BadValue,          // e.g. tag 01 neither 11 nor 12, currency not 360, amount not digits
    DuplicateTag,
    CrcNotLast,        // tag 63 must be the last field, length 04
    CrcMismatch,
    AmountInvalid,     // MakeOrderQris: amount must be 1 .. 9,999,999,999,999
};

struct QrisParse {
    QrisError error = QrisError::None;
    std::string message;  // English, names the tag and offset
    std::vector<QrisField> fields;  // in payload order, CRC field included
    bool is_dynamic = false;
    int64_t amount_rp = 0;      // 0 when tag 54 is absent
    std::string merchant_name;  // tag 59
    std::string merchant_city;  // tag 60
    std::string nmid;           // sub-tag 02 of tag 51 when present
    bool ok() const { return error == QrisError::None; }
};

constexpr size_t MAX_QRIS_CHARS = 512;

uint16_t ComputeCrc16CcittFalse(std::string_view data);
std::string FormatCrcHex(uint16_t crc);  // 4 upper-case hex digits

QrisParse ParseQris(std::string_view payload);

struct QrisBuild {
    QrisError error = QrisError::None;
    std::string message;
    std::string payload;
    bool ok() const { return error == QrisError::None; }
};

// From a valid static or dynamic payload to a dynamic one carrying amount_rp (any previous amount
// is replaced).
QrisBuild MakeOrderQris(std::string_view static_payload, int64_t amount_rp);

// Joins fields as TLV and appends "6304" + CRC. Fields must not include tag 63.
std::string EncodeQrisWithCrc(const std::vector<QrisField>& fields);

}  // namespace pasar
