// Decoding untrusted JSON text into domain structs.
//
// Every decoder in src/core takes text and returns a result struct holding either the value or the
// first problem found, named by its path in the document (`markets[3].stalls[2].products[5].price_rp`)
// and a short message (`must be > 0`). Decoders never throw: wasm builds run with exception catching
// off, so a throw would abort the app. The helpers below are the only place that touches nlohmann
// values of unknown shape; each checks the type before reading. A helper that fails fills the
// DecodeError and returns false, and the caller returns at once, so the first bad field wins.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace pasar {

using Json = nlohmann::json;

// Largest document any decoder accepts. The whole pilot catalogue is far smaller; the cap keeps a
// hostile or corrupt file from eating the phone's memory.
constexpr size_t MAX_DOCUMENT_BYTES = 16u * 1024u * 1024u;
constexpr size_t MAX_TEXT_BYTES = 400;  // names, addresses, labels
constexpr size_t MAX_ID_BYTES = 80;

struct DecodeError {
    std::string path;     // e.g. "markets[3].hours.open"; empty for the document itself
    std::string message;  // e.g. "must be > 0"
};

// "path: message", or "document: message" when the path is empty.
std::string FormatDecodeError(const DecodeError& error);

std::string JoinPath(std::string_view parent, std::string_view key);
std::string IndexPath(std::string_view parent, size_t index);

// Parses text without exceptions. On failure fills error (path empty) and returns a discarded value.
Json ParseJsonText(std::string_view text, DecodeError* error);

// Parses a stored document: an object whose format_version equals `expected`. On any failure fills error
// (`format_version: must be 1` plus `mismatch_note`, e.g. " (this app reads catalogue format 1)") and
// returns a discarded value.
Json ParseVersionedDocument(std::string_view text, int64_t expected, const char* mismatch_note, DecodeError* error);

// Dumps without ever throwing: invalid UTF-8 (which decoders never produce) is replaced, not thrown.
std::string DumpJson(const Json& value);

bool Fail(DecodeError* error, std::string path, std::string message);

bool ExpectObject(const Json& value, const std::string& path, DecodeError* error);
bool ExpectArray(const Json& value, const std::string& path, DecodeError* error);

// Field readers. `obj` must already be an object. Each reports "path.key: ..." on failure.
// Required readers fail when the key is missing; Optional readers set *present (may be null).
enum class TextRule {
    Text,  // non-empty after trimming, no control characters, at most MAX_TEXT_BYTES
    Id,    // slug: [a-z0-9] then [a-z0-9._-], at most MAX_ID_BYTES
    Free,  // may be empty; no control characters; at most MAX_TEXT_BYTES
};
bool ReadString(const Json& obj, const std::string& path, const char* key, TextRule rule,
                std::string* out, DecodeError* error);
bool ReadOptionalString(const Json& obj, const std::string& path, const char* key, TextRule rule,
                        std::string* out, bool* present, DecodeError* error);
bool ReadInt(const Json& obj, const std::string& path, const char* key, int64_t min_value,
             int64_t max_value, int64_t* out, DecodeError* error);
bool ReadOptionalInt(const Json& obj, const std::string& path, const char* key, int64_t min_value,
                     int64_t max_value, int64_t* out, bool* present, DecodeError* error);
bool ReadBool(const Json& obj, const std::string& path, const char* key, bool* out,
              DecodeError* error);
bool ReadOptionalBool(const Json& obj, const std::string& path, const char* key, bool* out,
                      DecodeError* error);
// Optional clean UTF-8 text (may be empty, no control characters) within a limit of its own, for the
// phone's own files whose fields are longer or shorter than MAX_TEXT_BYTES (a note, the server's message).
bool ReadOptionalText(const Json& obj, const std::string& path, const char* key, size_t max_bytes,
                      std::string* out, DecodeError* error);
// Finds an array field; fails when missing or not an array.
bool ReadArray(const Json& obj, const std::string& path, const char* key, const Json** out,
               DecodeError* error);
bool ReadObjectField(const Json& obj, const std::string& path, const char* key, const Json** out,
                     DecodeError* error);

// Checks a value (not a field) as an integer within range; path names the value itself.
bool CheckInt(const Json& value, const std::string& path, int64_t min_value, int64_t max_value,
              int64_t* out, DecodeError* error);
bool CheckText(const std::string& text, const std::string& path, TextRule rule, DecodeError* error);

bool IsValidId(std::string_view text);
// "YYYY-MM-DD" naming a real calendar day between 2000 and 2099.
bool IsValidDate(std::string_view text);
// "HH:MM" 00:00..23:59 -> minutes since midnight, or -1.
int ParseClockMinutes(std::string_view text);
std::string FormatClockMinutes(int minutes);

// Range message used everywhere so errors read the same: "must be > 0" (min 1), "must be >= 0",
// "must be at most 6", depending on which side value falls.
std::string RangeMessage(int64_t value, int64_t min_value, int64_t max_value);

}  // namespace pasar

namespace pasar {

// What every decoder returns: the value when ok, else the first problem.
template <typename T>
struct Decoded {
    bool ok = false;
    T value{};
    DecodeError error;
};

}  // namespace pasar
