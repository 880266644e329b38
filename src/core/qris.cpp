#include "core/qris.h"

#include <algorithm>

namespace pasar {

uint16_t ComputeCrc16CcittFalse(std::string_view data) {
    uint16_t crc = 0xFFFF;
    for (unsigned char byte : data) {
        crc ^= uint16_t(byte) << 8;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 0x8000) ? uint16_t((crc << 1) ^ 0x1021) : uint16_t(crc << 1);
    }
    return crc;
}

std::string FormatCrcHex(uint16_t crc) {
    static const char HEX[] = "0123456789ABCDEF";
    std::string out(4, '0');
    for (int i = 3; i >= 0; --i) {
        out[size_t(i)] = HEX[crc & 15];
        crc >>= 4;
    }
    return out;
}

namespace {

bool IsDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

template <typename R>
R QrisFailed(QrisError error, std::string message) {
    R result;
    result.error = error;
    result.message = std::move(message);
    return result;
}

// Splits TLV text into fields; reports offsets relative to base_offset.
bool SplitTlv(std::string_view text, std::vector<QrisField>* fields, QrisError* error, std::string* message,
              size_t base_offset) {
    size_t pos = 0;
    while (pos < text.size()) {
        if (pos + 4 > text.size()) {
            *error = QrisError::Truncated;
            *message = "field at offset " + std::to_string(base_offset + pos) + " is cut off";
            return false;
        }
        std::string_view tag = text.substr(pos, 2), len = text.substr(pos + 2, 2);
        if (!IsDigits(tag) || !IsDigits(len)) {
            *error = QrisError::BadTag;
            *message = "tag and length at offset " + std::to_string(base_offset + pos) +
                       " must be two digits each";
            return false;
        }
        size_t length = size_t((len[0] - '0') * 10 + (len[1] - '0'));
        if (pos + 4 + length > text.size()) {
            *error = QrisError::Truncated;
            *message = "tag " + std::string(tag) + " at offset " + std::to_string(base_offset + pos) +
                       " says length " + std::to_string(length) + " but the payload ends first";
            return false;
        }
        fields->push_back({std::string(tag), std::string(text.substr(pos + 4, length))});
        pos += 4 + length;
    }
    return true;
}

const QrisField* FindTag(const std::vector<QrisField>& fields, const char* tag) {
    for (const QrisField& f : fields)
        if (f.tag == tag) return &f;
    return nullptr;
}

std::string Tlv(const std::string& tag, const std::string& value) {
    std::string length = std::to_string(value.size());
    if (length.size() < 2) length = "0" + length;
    return tag + length + value;
}

}  // namespace

std::string EncodeQrisWithCrc(const std::vector<QrisField>& fields) {
    std::string out;
    for (const QrisField& f : fields) out += Tlv(f.tag, f.value);
    out += "6304";
    out += FormatCrcHex(ComputeCrc16CcittFalse(out));
    return out;
}

QrisParse ParseQris(std::string_view payload) {
    if (payload.empty()) return QrisFailed<QrisParse>(QrisError::Empty, "QRIS payload is empty");
    if (payload.size() > MAX_QRIS_CHARS)
        return QrisFailed<QrisParse>(QrisError::TooLong, "QRIS payload is longer than 512 characters");
    for (size_t i = 0; i < payload.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(payload[i]);
        if (c < 0x20 || c > 0x7E)
            return QrisFailed<QrisParse>(QrisError::BadCharacter,
                                         "character at offset " + std::to_string(i) + " is not printable ASCII");
    }
    QrisParse result;
    std::string message;
    if (!SplitTlv(payload, &result.fields, &result.error, &message, 0)) {
        result.message = message;
        result.fields.clear();
        return result;
    }
    const std::vector<QrisField>& fields = result.fields;
    for (size_t i = 0; i < fields.size(); ++i)
        for (size_t j = i + 1; j < fields.size(); ++j)
            if (fields[i].tag == fields[j].tag)
                return QrisFailed<QrisParse>(QrisError::DuplicateTag, "tag " + fields[i].tag + " appears twice");
    if (fields.front().tag != "00" || fields.front().value != "01")
        return QrisFailed<QrisParse>(QrisError::BadValue, "payload must start with tag 00 = \"01\" (000201)");
    const QrisField& last = fields.back();
    if (last.tag != "63" || last.value.size() != 4)
        return QrisFailed<QrisParse>(QrisError::CrcNotLast, "payload must end with the CRC field 6304XXXX");
    for (char c : last.value)
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')))
            return QrisFailed<QrisParse>(QrisError::CrcMismatch, "CRC must be 4 upper-case hex digits");
    std::string expected = FormatCrcHex(ComputeCrc16CcittFalse(payload.substr(0, payload.size() - 4)));
    if (expected != last.value)
        return QrisFailed<QrisParse>(QrisError::CrcMismatch,
                                     "CRC is " + last.value + " but the payload's CRC is " + expected);
    const char* const REQUIRED[] = {"01", "52", "53", "58", "59", "60"};
    for (const char* tag : REQUIRED)
        if (!FindTag(fields, tag))
            return QrisFailed<QrisParse>(QrisError::MissingField, std::string("tag ") + tag + " is missing");
    const std::string& method = FindTag(fields, "01")->value;
    if (method != "11" && method != "12")
        return QrisFailed<QrisParse>(QrisError::BadValue, "tag 01 must be 11 (static) or 12 (dynamic)");
    result.is_dynamic = method == "12";
    if (FindTag(fields, "53")->value != "360")
        return QrisFailed<QrisParse>(QrisError::BadValue, "tag 53 (currency) must be 360 (rupiah)");
    if (FindTag(fields, "58")->value != "ID")
        return QrisFailed<QrisParse>(QrisError::BadValue, "tag 58 (country) must be ID");
    if (!IsDigits(FindTag(fields, "52")->value) || FindTag(fields, "52")->value.size() != 4)
        return QrisFailed<QrisParse>(QrisError::BadValue, "tag 52 (merchant category) must be 4 digits");
    bool has_account = false;
    for (const QrisField& f : fields) {
        int tag = (f.tag[0] - '0') * 10 + (f.tag[1] - '0');
        if (tag < 26 || tag > 51) continue;
        std::vector<QrisField> sub;
        QrisError sub_error = QrisError::None;
        if (!SplitTlv(f.value, &sub, &sub_error, &message, 0))
            return QrisFailed<QrisParse>(sub_error, "inside tag " + f.tag + ": " + message);
        const QrisField* guid = FindTag(sub, "00");
        if (!guid || guid->value.empty())
            return QrisFailed<QrisParse>(QrisError::MissingField, "tag " + f.tag + " has no sub-tag 00 (GUID)");
        has_account = true;
        if (tag == 51) {
            if (const QrisField* nmid = FindTag(sub, "02")) result.nmid = nmid->value;
        }
    }
    if (!has_account)
        return QrisFailed<QrisParse>(QrisError::MissingField, "no merchant account field (tags 26 to 51)");
    if (const QrisField* amount = FindTag(fields, "54")) {
        const std::string& v = amount->value;
        // Whole rupiah; ".00" is tolerated because some issuers print it.
        std::string whole = v.size() > 3 && v.compare(v.size() - 3, 3, ".00") == 0 ? v.substr(0, v.size() - 3) : v;
        if (!IsDigits(whole) || whole.size() > 13 || whole.find_first_not_of('0') == std::string::npos)
            return QrisFailed<QrisParse>(QrisError::BadValue, "tag 54 (amount) must be whole rupiah > 0");
        result.amount_rp = 0;
        for (char c : whole) result.amount_rp = result.amount_rp * 10 + (c - '0');
    }
    result.merchant_name = FindTag(fields, "59")->value;
    result.merchant_city = FindTag(fields, "60")->value;
    if (result.merchant_name.empty() || result.merchant_city.empty())
        return QrisFailed<QrisParse>(QrisError::BadValue, "tags 59 and 60 (merchant name, city) must not be empty");
    return result;
}

QrisBuild MakeOrderQris(std::string_view static_payload, int64_t amount_rp) {
    if (amount_rp <= 0 || amount_rp > 9999999999999LL)
        return QrisFailed<QrisBuild>(QrisError::AmountInvalid, "amount must be between 1 and 9999999999999 rupiah");
    QrisParse parsed = ParseQris(static_payload);
    if (!parsed.ok()) return QrisFailed<QrisBuild>(parsed.error, parsed.message);
    std::vector<QrisField> fields;
    for (const QrisField& f : parsed.fields) {
        if (f.tag == "63" || f.tag == "54") continue;
        if (f.tag == "58") fields.push_back({"54", std::to_string(amount_rp)});
        fields.push_back(f.tag == "01" ? QrisField{"01", "12"} : f);
    }
    QrisBuild build;
    build.payload = EncodeQrisWithCrc(fields);
    if (build.payload.size() > MAX_QRIS_CHARS)
        return QrisFailed<QrisBuild>(QrisError::TooLong, "the order QRIS would be longer than 512 characters");
    return build;
}

}  // namespace pasar
