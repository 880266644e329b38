#include "core/money.h"

#include <limits>

namespace pasar {

std::string FormatThousands(uint64_t value) {
    std::string digits = std::to_string(value);
    std::string out;
    out.reserve(digits.size() + digits.size() / 3);
    size_t lead = digits.size() % 3;
    if (lead == 0) lead = 3;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i >= lead && (i - lead) % 3 == 0) out += '.';
        out += digits[i];
    }
    return out;
}

static uint64_t Magnitude(int64_t amount) {
    // Two's complement negation through unsigned keeps INT64_MIN defined.
    return amount < 0 ? 0 - static_cast<uint64_t>(amount) : static_cast<uint64_t>(amount);
}

std::string FormatRupiah(int64_t amount_rp) {
    std::string out = amount_rp < 0 ? "-Rp" : "Rp";
    out += FormatThousands(Magnitude(amount_rp));
    return out;
}

std::string FormatRupiahReceipt(int64_t amount_rp) { return FormatRupiah(amount_rp) + ",00"; }

namespace {

MoneyParse Failed(MoneyError error, std::string message) {
    MoneyParse result;
    result.error = error;
    result.message = std::move(message);
    return result;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

// Strips a word suffix ("rb", "ribu", "k", "jt", "juta") and returns its multiplier, or 1.
int64_t TakeSuffix(std::string_view* text) {
    struct Suffix {
        const char* word;
        int64_t multiplier;
    };
    static const Suffix SUFFIXES[] = {{"ribu", 1000},   {"rb", 1000},       {"k", 1000},
                                      {"juta", 1000000}, {"jt", 1000000}};
    for (const Suffix& s : SUFFIXES) {
        std::string_view word(s.word);
        if (text->size() < word.size()) continue;
        std::string_view tail = text->substr(text->size() - word.size());
        bool same = true;
        for (size_t i = 0; i < word.size(); ++i) same = same && Lower(tail[i]) == word[i];
        if (!same) continue;
        text->remove_suffix(word.size());
        while (!text->empty() && text->back() == ' ') text->remove_suffix(1);
        return s.multiplier;
    }
    return 1;
}

}  // namespace

MoneyParse ParseRupiah(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (text.empty()) return Failed(MoneyError::Empty, "amount is empty");

    bool negative = false;
    if (text.front() == '-') {
        negative = true;
        text.remove_prefix(1);
    }
    if (text.size() >= 2 && Lower(text[0]) == 'r' && Lower(text[1]) == 'p') {
        text.remove_prefix(2);
        if (!text.empty() && text.front() == '.') text.remove_prefix(1);  // "Rp. 12.500"
        while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    } else if (text.size() >= 3 && Lower(text[0]) == 'i' && Lower(text[1]) == 'd' &&
               Lower(text[2]) == 'r') {
        text.remove_prefix(3);
        while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    }
    int64_t multiplier = TakeSuffix(&text);
    if (text.empty() || !IsDigit(text.front()))
        return Failed(MoneyError::InvalidCharacter, "amount must start with a digit");

    // Integer part: digits with optional '.' thousands groups of exactly 3.
    // Fraction: ',' then digits. With a word suffix a '.' not followed by exactly 3 digits is read
    // as a decimal point too ("1.5jt"), because nobody writes thousands groups before "jt".
    uint64_t whole = 0;
    size_t i = 0, group_len = 0;
    bool grouped = false;
    const uint64_t max_u = static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + 1;
    std::string_view fraction;
    while (i < text.size()) {
        char c = text[i];
        if (IsDigit(c)) {
            if (whole > (max_u - uint64_t(c - '0')) / 10)
                return Failed(MoneyError::Overflow, "amount is too large");
            whole = whole * 10 + uint64_t(c - '0');
            ++group_len;
            ++i;
            continue;
        }
        if (c == '.') {
            size_t run = 0;
            while (i + 1 + run < text.size() && IsDigit(text[i + 1 + run])) ++run;
            bool group_follows = run == 3;
            if (!group_follows && multiplier > 1 && !grouped) {
                fraction = text.substr(i + 1, run);
                i += 1 + run;
                break;
            }
            if (!group_follows || (grouped && group_len != 3) || (!grouped && group_len > 3))
                return Failed(MoneyError::BadGrouping, "thousands groups must have 3 digits, e.g. 12.500");
            grouped = true;
            group_len = 0;
            ++i;
            continue;
        }
        if (c == ',') {
            size_t run = 0;
            while (i + 1 + run < text.size() && IsDigit(text[i + 1 + run])) ++run;
            if (run == 0) return Failed(MoneyError::InvalidCharacter, "',' must be followed by digits");
            fraction = text.substr(i + 1, run);
            i += 1 + run;
            break;
        }
        return Failed(MoneyError::InvalidCharacter,
                      std::string("unexpected character '") + c + "' in amount");
    }
    if (i != text.size())
        return Failed(MoneyError::InvalidCharacter, "unexpected text after the amount");
    if (grouped && group_len != 3)
        return Failed(MoneyError::BadGrouping, "thousands groups must have 3 digits, e.g. 12.500");

    // amount = (whole + fraction) * multiplier must be whole rupiah.
    uint64_t fraction_value = 0, fraction_scale = 1;
    for (char c : fraction) {
        if (fraction_scale >= 1000000000000ull) {
            if (c != '0') return Failed(MoneyError::NotWholeRupiah, "rupiah amounts have no cents");
            continue;
        }
        fraction_value = fraction_value * 10 + uint64_t(c - '0');
        fraction_scale *= 10;
    }
    uint64_t m = static_cast<uint64_t>(multiplier);
    if (whole != 0 && m > max_u / whole) return Failed(MoneyError::Overflow, "amount is too large");
    uint64_t total = whole * m;
    uint64_t fraction_scaled_num = fraction_value * m;  // fraction_value < 10^12, m <= 10^6
    if (fraction_scaled_num % fraction_scale != 0)
        return Failed(MoneyError::NotWholeRupiah, "rupiah amounts have no cents");
    uint64_t fraction_rp = fraction_scaled_num / fraction_scale;
    if (total > max_u - fraction_rp) return Failed(MoneyError::Overflow, "amount is too large");
    total += fraction_rp;
    if (total == max_u && !negative) return Failed(MoneyError::Overflow, "amount is too large");

    MoneyParse result;
    result.amount_rp = negative ? static_cast<int64_t>(0 - total) : static_cast<int64_t>(total);
    return result;
}

bool MulDivRoundHalfUp(int64_t a, int64_t b, int64_t c, int64_t* out) {
    if (a < 0 || b < 0 || c <= 0) return false;
    // a = qa*c + ra, so a*b/c = qa*b + ra*b/c; ra*b is split again through b = qb*c + rb:
    // ra*b/c = ra*qb + ra*rb/c with ra, rb < c, so only ra*rb needs c^2 to fit (c is small here).
    int64_t qa = a / c, ra = a % c, qb = b / c, rb = b % c;
    int64_t part1 = 0, part2 = 0, rem = 0, result = 0;
    if (__builtin_mul_overflow(qa, b, &part1)) return false;
    if (__builtin_mul_overflow(ra, qb, &part2)) return false;
    if (__builtin_mul_overflow(ra, rb, &rem)) return false;
    int64_t rest = rem % c;
    int64_t rounded = rem / c + (rest >= c - rest ? 1 : 0);  // half up, no overflow in 2*rest
    if (__builtin_add_overflow(part1, part2, &result)) return false;
    if (__builtin_add_overflow(result, rounded, &result)) return false;
    *out = result;
    return true;
}

bool ComputeLineTotalRp(int64_t price_rp, int64_t qty_milli, int64_t* out) {
    return MulDivRoundHalfUp(price_rp, qty_milli, 1000, out);
}

}  // namespace pasar
