// Delivery: methods, fee rules, and when an order will be handled.
//
// Each market's delivery settings come from the catalogue (README "Catalogue schema"). The fee is
// integer arithmetic only and the same rules run in serve.py; tests/fixtures/core/fees.json holds the
// shared cases. Order of checks in ComputeDeliveryFee, so that both sides report the same error:
//   1. the method must be offered by the market          -> method_not_offered
//   2. distance_m and subtotal_rp must be >= 0           -> invalid_input
//   3. pickup: the pickup rule applies (flat 0); distance, minimum order and free delivery do not
//   4. distance_m > max_distance_m                       -> too_far
//   5. subtotal_rp < min_order_rp                        -> below_min_order
//   6. the fee rule: flat; min_plus_per_km (min_fee_rp up to min_distance_m, then per_km_rp per
//      started km beyond); zones (first zone with max_distance_m >= d, none -> outside_zones)
//   7. free_above_rp > 0 and subtotal_rp >= free_above_rp -> fee 0
//
// Time is always passed in (minutes since midnight WIB and weekday 0 = Sunday), never read from a
// clock, so the rules are testable and the same on phone and server. Markets open every day: an
// order before opening is handled at today's opening, one after the cut-off at tomorrow's opening.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/decode.h"

namespace pasar {

enum class DeliveryMethod { Unknown, Pickup, CoopCourier, Ojek, Stall };
const char* DeliveryMethodName(DeliveryMethod method);  // "pickup", "coop_courier", "ojek", "stall"
DeliveryMethod ParseDeliveryMethod(std::string_view text);

enum class FeeRuleKind { Unknown, Flat, MinPlusPerKm, Zones };
const char* FeeRuleKindName(FeeRuleKind kind);  // "flat", "min_plus_per_km", "zones"

struct FeeZone {
    int64_t max_distance_m = 0;  // inclusive upper bound of the zone
    int64_t fee_rp = 0;
};

struct FeeRule {
    FeeRuleKind kind = FeeRuleKind::Unknown;
    int64_t fee_rp = 0;          // flat
    int64_t min_fee_rp = 0;      // min_plus_per_km
    int64_t min_distance_m = 0;  // min_plus_per_km: covered by min_fee_rp
    int64_t per_km_rp = 0;       // min_plus_per_km: each started km beyond min_distance_m
    std::vector<FeeZone> zones;  // zones: ascending max_distance_m
};

struct DeliveryOption {
    DeliveryMethod method = DeliveryMethod::Unknown;
    FeeRule fee_rule;
};

struct DeliverySettings {
    std::vector<DeliveryOption> methods;
    int64_t min_order_rp = 0;   // goods subtotal needed for delivery (not pickup)
    int64_t free_above_rp = 0;  // 0 = never free
    int64_t max_distance_m = 0;
};

constexpr int64_t MAX_FEE_RP = 10000000;         // Rp10 juta: a fee above this is a data error
constexpr int64_t MAX_DISTANCE_M = 1000000;      // 1,000 km
constexpr int64_t MAX_ORDER_RULE_RP = 1000000000;  // thresholds (min order, free above)

enum class FeeError { None, MethodNotOffered, InvalidInput, TooFar, BelowMinOrder, OutsideZones };
const char* FeeErrorCode(FeeError error);  // "method_not_offered", ... (the fixture's error codes)

// An outcome, not a sentence: the error's code and the numbers a buyer needs to act on it. The UI's words
// (FeeProblemWords in ui/words.h) say it ("Belanja minimal Rp20.000 untuk diantar: kurang Rp5.000").
struct FeeQuote {
    FeeError error = FeeError::None;
    int64_t fee_rp = 0;
    bool free_delivery = false;  // the free_above_rp threshold made the fee 0
    int64_t min_order_rp = 0;    // BelowMinOrder: the market's minimum for delivery
    int64_t missing_rp = 0;      // BelowMinOrder: how much more the goods must cost
    int64_t max_distance_m = 0;  // TooFar: the market's delivery radius
    bool ok() const { return error == FeeError::None; }
};

const DeliveryOption* FindDeliveryOption(const DeliverySettings& settings, DeliveryMethod method);
FeeQuote ComputeDeliveryFee(const DeliverySettings& settings, DeliveryMethod method,
                            int64_t distance_m, int64_t subtotal_rp);

struct MarketHours {
    int open_min = 0;           // minutes since midnight WIB
    int close_min = 0;
    int order_cutoff_min = 0;   // open_min <= order_cutoff_min <= close_min
};

enum class ScheduleKind {
    Now,         // open and before the cut-off
    LaterToday,  // before opening: handled at today's opening
    NextDay,     // after the cut-off: handled at tomorrow's opening
};

struct OrderSchedule {
    ScheduleKind kind = ScheduleKind::Now;
    int days_ahead = 0;   // 0 or 1
    int weekday = 0;      // day the order is handled, 0 = Sunday
    int start_min = 0;    // when handling starts (now, or the opening time)
};

// now_min in [0, 1440), weekday in [0, 6]; out-of-range inputs are clamped/wrapped.
OrderSchedule ScheduleOrder(const MarketHours& hours, int now_min, int weekday);

// JSON for the `delivery` object of a market in index.json (also used by the fee fixtures).
bool DecodeDeliverySettings(const Json& value, const std::string& path, DeliverySettings* out,
                            DecodeError* error);
Json EncodeDeliverySettings(const DeliverySettings& settings);
bool DecodeMarketHours(const Json& value, const std::string& path, MarketHours* out,
                       DecodeError* error);
Json EncodeMarketHours(const MarketHours& hours);

}  // namespace pasar
