// The limits of an order that the phone and serve.py both enforce.
//
// ONE SOURCE
//   assets/limits.json holds the numbers. serve.py reads that file at start; this header carries the
//   same numbers as constants for the C++ build, and tests/core/test_limits.cpp reads the file and fails
//   when a single number differs (or when the file gains a limit this header does not know). So a limit
//   changes in the JSON first, and the build that forgets this header does not pass its tests.
//   Text lengths are counted in Unicode code points ("characters"), not bytes, on both sides: "Rp" and
//   "é" count one each, as a person counts them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace pasar {

constexpr int64_t LIMITS_FORMAT_VERSION = 1;
constexpr int64_t MAX_QTY_MILLI_KG = 200000;      // 200 kg of one product in one line
constexpr int64_t MAX_QTY_MILLI_LITER = 200000;   // 200 liter
constexpr int64_t MAX_QTY_MILLI_PIECE = 500000;   // 500 pieces
constexpr int64_t MAX_ORDER_PRICE_RP = 100000000;  // per base unit
constexpr size_t MAX_LINES_PER_ORDER = 100;
constexpr size_t MAX_NOTE_CHARS = 200;
constexpr size_t MAX_BUYER_NAME_CHARS = 80;
constexpr size_t MAX_ADDRESS_CHARS = 300;
constexpr size_t MAX_LANDMARK_CHARS = 200;
constexpr size_t MAX_REASON_CHARS = 200;

}  // namespace pasar
