#include "core/wib.h"

namespace pasar {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

}  // namespace

WibTime WibFromEpochMs(int64_t epoch_ms) {
    const int64_t local = epoch_ms + WIB_OFFSET_MS;
    const int64_t days = FloorDiv(local, DAY_MS);
    WibTime t;
    t.minute_of_day = static_cast<int>((local - days * DAY_MS) / 60000);
    t.weekday = static_cast<int>(((days % 7) + 7 + 4) % 7);
    // Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days).
    const int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    t.year = static_cast<int>(yoe + era * 400 + (t.month <= 2 ? 1 : 0));
    return t;
}

}  // namespace pasar
