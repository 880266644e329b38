// Money: whole rupiah in int64_t, never floating point.
//
// Display has one form, `Rp12.500` (full stop between thousands, no space, minus sign before "Rp"), and
// receipts add `,00`. Input is forgiving because buyers and traders type what they see in the wild:
// `Rp12.500`, `Rp 12.500`, `Rp. 12.500`, `12.500`, `12500`, `12.500,00`, `12rb`, `12,5rb`, `12 ribu`,
// `1,2jt`, `1 juta`. Anything else is rejected with a reason, including amounts that are not whole
// rupiah (`12,5`) and amounts beyond int64.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pasar {

std::string FormatRupiah(int64_t amount_rp);         // "Rp12.500", "-Rp12.500", "Rp0"
std::string FormatRupiahReceipt(int64_t amount_rp);  // "Rp12.500,00"
// Only the grouped digits: "12.500".
std::string FormatThousands(uint64_t value);

enum class MoneyError {
    None,
    Empty,             // nothing but spaces
    InvalidCharacter,  // letters or symbols that are not part of an amount
    BadGrouping,       // "12.50", "1.2345": thousands groups must have 3 digits
    NotWholeRupiah,    // "12,5" or "1,2345rb": rupiah has no cents
    Overflow,          // larger than int64 can hold
};

struct MoneyParse {
    MoneyError error = MoneyError::None;
    int64_t amount_rp = 0;
    std::string message;  // English, for logs and tests; empty when ok
    bool ok() const { return error == MoneyError::None; }
};

MoneyParse ParseRupiah(std::string_view text);

// Line price = price_rp * qty_milli / 1000, rounded half up to whole rupiah, without overflowing
// in between. Both inputs must be >= 0. Returns false (and leaves *out alone) when the result does
// not fit in int64 or an input is negative.
bool ComputeLineTotalRp(int64_t price_rp, int64_t qty_milli, int64_t* out);

// a * b / c rounded half up, for non-negative a, b and positive c, without intermediate overflow
// where the result fits. Returns false on overflow or bad input.
bool MulDivRoundHalfUp(int64_t a, int64_t b, int64_t c, int64_t* out);

}  // namespace pasar
