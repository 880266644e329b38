// The pilot's local time: WIB (Waktu Indonesia Barat), UTC+7 all year, no daylight saving.
//
// Market hours, cut-offs and auction days are WIB whatever the phone's own time zone says, so the phone,
// the UI's dates and serve.py all turn an epoch instant into WIB the same way: this one rule. Core reads no
// clock: the instant is passed in (the platform's Date.now()).
#pragma once

#include <cstdint>

namespace pasar {

constexpr int64_t WIB_OFFSET_MS = 7LL * 60 * 60 * 1000;
constexpr int64_t DAY_MS = 24LL * 60 * 60 * 1000;

struct WibTime {
    int year = 1970;
    int month = 1;          // 1..12
    int day = 1;            // 1..31
    int minute_of_day = 0;  // 0..1439
    int weekday = 4;        // 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday)
};

// Any instant, before 1970 too (floor division, proleptic Gregorian calendar).
WibTime WibFromEpochMs(int64_t epoch_ms);

}  // namespace pasar
