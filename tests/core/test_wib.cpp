// WIB: the one rule (UTC+7, no daylight saving) that market hours, the phone's clock intent and the UI's
// dates share.
#include <catch2/catch.hpp>

#include "core/wib.h"

using namespace pasar;

namespace {

void CheckWib(int64_t epoch_ms, int year, int month, int day, int minute_of_day, int weekday) {
    INFO(epoch_ms);
    const WibTime t = WibFromEpochMs(epoch_ms);
    CHECK(t.year == year);
    CHECK(t.month == month);
    CHECK(t.day == day);
    CHECK(t.minute_of_day == minute_of_day);
    CHECK(t.weekday == weekday);
}

}  // namespace

TEST_CASE("wib: epoch instants in Lampung's local time and weekday") {
    CheckWib(0, 1970, 1, 1, 7 * 60, 4);                     // 07.00 on a Thursday
    CheckWib(-1, 1970, 1, 1, 6 * 60 + 59, 4);               // before the epoch: floor, not truncation
    CheckWib(1796000000000, 2026, 11, 30, 7 * 60 + 53, 1);  // Monday 07.53 WIB
    CheckWib(1764401000000, 2025, 11, 29, 14 * 60 + 23, 6); // Saturday 14.23 WIB
    CheckWib(951757200000, 2000, 2, 29, 0, 2);              // leap day, midnight WIB
    // Midnight WIB is 17.00 UTC the day before: the day turns at the WIB midnight, not the UTC one.
    CheckWib(1796000000000 - (7 * 60 + 53) * 60000LL - 80000, 2026, 11, 29, 23 * 60 + 59, 0);
}
