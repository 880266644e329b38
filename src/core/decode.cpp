#include "core/decode.h"

#include "core/checkout.h"  // IsCleanText

#include <limits>

namespace pasar {

std::string FormatDecodeError(const DecodeError& error) {
    return (error.path.empty() ? std::string("document") : error.path) + ": " + error.message;
}

std::string JoinPath(std::string_view parent, std::string_view key) {
    std::string out(parent);
    if (!out.empty()) out += '.';
    out += key;
    return out;
}

std::string IndexPath(std::string_view parent, size_t index) {
    std::string out(parent);
    out += '[';
    out += std::to_string(index);
    out += ']';
    return out;
}

Json ParseJsonText(std::string_view text, DecodeError* error) {
    if (text.size() > MAX_DOCUMENT_BYTES) {
        Fail(error, "", "document is larger than " + std::to_string(MAX_DOCUMENT_BYTES) + " bytes");
        return Json(Json::value_t::discarded);
    }
    Json value = Json::parse(text.begin(), text.end(), nullptr, false);
    if (value.is_discarded()) Fail(error, "", "not valid JSON");
    return value;
}

Json ParseVersionedDocument(std::string_view text, int64_t expected, const char* mismatch_note, DecodeError* error) {
    Json doc = ParseJsonText(text, error);
    if (doc.is_discarded() || !ExpectObject(doc, "", error)) return Json(Json::value_t::discarded);
    int64_t version = 0;
    if (!ReadInt(doc, "", "format_version", std::numeric_limits<int64_t>::min(),
                 std::numeric_limits<int64_t>::max(), &version, error)) {
        return Json(Json::value_t::discarded);
    }
    if (version != expected) {
        Fail(error, "format_version", "must be " + std::to_string(expected) + mismatch_note);
        return Json(Json::value_t::discarded);
    }
    return doc;
}

std::string DumpJson(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool Fail(DecodeError* error, std::string path, std::string message) {
    if (error) {
        error->path = std::move(path);
        error->message = std::move(message);
    }
    return false;
}

bool ExpectObject(const Json& value, const std::string& path, DecodeError* error) {
    if (value.is_object()) return true;
    return Fail(error, path, "must be an object");
}

bool ExpectArray(const Json& value, const std::string& path, DecodeError* error) {
    if (value.is_array()) return true;
    return Fail(error, path, "must be an array");
}

std::string RangeMessage(int64_t value, int64_t min_value, int64_t max_value) {
    if (value > max_value) return "must be at most " + std::to_string(max_value);
    if (min_value == 1) return "must be > 0";
    return "must be >= " + std::to_string(min_value);
}

bool IsValidId(std::string_view text) {
    if (text.empty() || text.size() > MAX_ID_BYTES) return false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (i == 0 && !alnum) return false;
        if (!alnum && c != '-' && c != '_' && c != '.') return false;
    }
    return true;
}

static bool HasControlCharacter(std::string_view text) {
    for (unsigned char c : text)
        if (c < 0x20 || c == 0x7F) return true;
    return false;
}

static bool IsBlank(std::string_view text) {
    for (char c : text)
        if (c != ' ') return false;
    return true;
}

bool CheckText(const std::string& text, const std::string& path, TextRule rule, DecodeError* error) {
    switch (rule) {
        case TextRule::Id:
            if (!IsValidId(text))
                return Fail(error, path, "must be an id of a-z, 0-9, '-', '_', '.' (at most " +
                                             std::to_string(MAX_ID_BYTES) + " characters)");
            return true;
        case TextRule::Text:
            if (IsBlank(text)) return Fail(error, path, "must not be empty");
            [[fallthrough]];
        case TextRule::Free:
            if (text.size() > MAX_TEXT_BYTES)
                return Fail(error, path, "must be at most " + std::to_string(MAX_TEXT_BYTES) + " bytes");
            if (HasControlCharacter(text)) return Fail(error, path, "must not contain control characters");
            return true;
    }
    return true;
}

bool ReadOptionalString(const Json& obj, const std::string& path, const char* key, TextRule rule,
                        std::string* out, bool* present, DecodeError* error) {
    if (present) *present = false;
    auto it = obj.find(key);
    if (it == obj.end()) return true;
    // The field's path is only built when something is wrong: decoding stays cheap on good data.
    if (!it->is_string()) return Fail(error, JoinPath(path, key), "must be a string");
    const std::string& text = it->get_ref<const std::string&>();
    if (!CheckText(text, std::string(), rule, error)) {
        if (error) error->path = JoinPath(path, key);
        return false;
    }
    *out = text;
    if (present) *present = true;
    return true;
}

bool ReadString(const Json& obj, const std::string& path, const char* key, TextRule rule,
                std::string* out, DecodeError* error) {
    bool present = false;
    if (!ReadOptionalString(obj, path, key, rule, out, &present, error)) return false;
    if (!present) return Fail(error, JoinPath(path, key), "is required");
    return true;
}

bool CheckInt(const Json& value, const std::string& path, int64_t min_value, int64_t max_value,
              int64_t* out, DecodeError* error) {
    if (!value.is_number_integer()) return Fail(error, path, "must be an integer");
    int64_t number = 0;
    if (value.is_number_unsigned()) {
        uint64_t u = value.get<uint64_t>();
        if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
            return Fail(error, path, "must be at most " + std::to_string(max_value));
        number = static_cast<int64_t>(u);
    } else {
        number = value.get<int64_t>();
    }
    if (number < min_value || number > max_value)
        return Fail(error, path, RangeMessage(number, min_value, max_value));
    *out = number;
    return true;
}

bool ReadOptionalInt(const Json& obj, const std::string& path, const char* key, int64_t min_value,
                     int64_t max_value, int64_t* out, bool* present, DecodeError* error) {
    if (present) *present = false;
    auto it = obj.find(key);
    if (it == obj.end()) return true;
    if (!CheckInt(*it, std::string(), min_value, max_value, out, error)) {
        if (error) error->path = JoinPath(path, key);
        return false;
    }
    if (present) *present = true;
    return true;
}

bool ReadInt(const Json& obj, const std::string& path, const char* key, int64_t min_value,
             int64_t max_value, int64_t* out, DecodeError* error) {
    bool present = false;
    if (!ReadOptionalInt(obj, path, key, min_value, max_value, out, &present, error)) return false;
    if (!present) return Fail(error, JoinPath(path, key), "is required");
    return true;
}

bool ReadBool(const Json& obj, const std::string& path, const char* key, bool* out,
              DecodeError* error) {
    auto it = obj.find(key);
    if (it == obj.end()) return Fail(error, JoinPath(path, key), "is required");
    if (!it->is_boolean()) return Fail(error, JoinPath(path, key), "must be true or false");
    *out = it->get<bool>();
    return true;
}

bool ReadOptionalBool(const Json& obj, const std::string& path, const char* key, bool* out,
                      DecodeError* error) {
    if (obj.find(key) == obj.end()) return true;
    return ReadBool(obj, path, key, out, error);
}

bool ReadOptionalText(const Json& obj, const std::string& path, const char* key, size_t max_bytes,
                      std::string* out, DecodeError* error) {
    auto it = obj.find(key);
    if (it == obj.end()) return true;
    if (!it->is_string()) return Fail(error, JoinPath(path, key), "must be a string");
    const std::string& text = it->get_ref<const std::string&>();
    if (text.size() > max_bytes)
        return Fail(error, JoinPath(path, key), "must be at most " + std::to_string(max_bytes) + " bytes");
    if (!IsCleanText(text)) return Fail(error, JoinPath(path, key), "must be clean text");
    *out = text;
    return true;
}

bool ReadArray(const Json& obj, const std::string& path, const char* key, const Json** out,
               DecodeError* error) {
    auto it = obj.find(key);
    if (it == obj.end()) return Fail(error, JoinPath(path, key), "is required");
    if (!it->is_array()) return Fail(error, JoinPath(path, key), "must be an array");
    *out = &*it;
    return true;
}

bool ReadObjectField(const Json& obj, const std::string& path, const char* key, const Json** out,
                     DecodeError* error) {
    auto it = obj.find(key);
    if (it == obj.end()) return Fail(error, JoinPath(path, key), "is required");
    if (!it->is_object()) return Fail(error, JoinPath(path, key), "must be an object");
    *out = &*it;
    return true;
}

static int Digit(char c) { return (c >= '0' && c <= '9') ? c - '0' : -1; }

bool IsValidDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    int digits[8];
    const int positions[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int i = 0; i < 8; ++i) {
        digits[i] = Digit(text[positions[i]]);
        if (digits[i] < 0) return false;
    }
    int year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
    int month = digits[4] * 10 + digits[5];
    int day = digits[6] * 10 + digits[7];
    if (year < 2000 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
    static const int DAYS_IN_MONTH[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int days = DAYS_IN_MONTH[month - 1];
    if (month == 2 && year % 4 == 0) days = 29;  // 2000..2099: every 4th year, 2000 included
    return day <= days;
}

int ParseClockMinutes(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return -1;
    int h1 = Digit(text[0]), h2 = Digit(text[1]), m1 = Digit(text[3]), m2 = Digit(text[4]);
    if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0) return -1;
    int hours = h1 * 10 + h2, minutes = m1 * 10 + m2;
    if (hours > 23 || minutes > 59) return -1;
    return hours * 60 + minutes;
}

std::string FormatClockMinutes(int minutes) {
    if (minutes < 0 || minutes >= 24 * 60) return "--:--";
    char buf[6] = {char('0' + minutes / 600), char('0' + (minutes / 60) % 10), ':',
                   char('0' + (minutes % 60) / 10), char('0' + minutes % 10), 0};
    return buf;
}

}  // namespace pasar
