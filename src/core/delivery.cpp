#include "core/delivery.h"

#include "core/money.h"

namespace pasar {

const char* DeliveryMethodName(DeliveryMethod method) {
    switch (method) {
        case DeliveryMethod::Pickup: return "pickup";
        case DeliveryMethod::CoopCourier: return "coop_courier";
        case DeliveryMethod::Ojek: return "ojek";
        case DeliveryMethod::Stall: return "stall";
        case DeliveryMethod::Unknown: break;
    }
    return "unknown";
}

DeliveryMethod ParseDeliveryMethod(std::string_view text) {
    if (text == "pickup") return DeliveryMethod::Pickup;
    if (text == "coop_courier") return DeliveryMethod::CoopCourier;
    if (text == "ojek") return DeliveryMethod::Ojek;
    if (text == "stall") return DeliveryMethod::Stall;
    return DeliveryMethod::Unknown;
}

const char* FeeRuleKindName(FeeRuleKind kind) {
    switch (kind) {
        case FeeRuleKind::Flat: return "flat";
        case FeeRuleKind::MinPlusPerKm: return "min_plus_per_km";
        case FeeRuleKind::Zones: return "zones";
        case FeeRuleKind::Unknown: break;
    }
    return "unknown";
}

const char* FeeErrorCode(FeeError error) {
    switch (error) {
        case FeeError::None: return "none";
        case FeeError::MethodNotOffered: return "method_not_offered";
        case FeeError::InvalidInput: return "invalid_input";
        case FeeError::TooFar: return "too_far";
        case FeeError::BelowMinOrder: return "below_min_order";
        case FeeError::OutsideZones: return "outside_zones";
    }
    return "unknown";
}

const DeliveryOption* FindDeliveryOption(const DeliverySettings& settings, DeliveryMethod method) {
    for (const DeliveryOption& option : settings.methods)
        if (option.method == method) return &option;
    return nullptr;
}

static FeeQuote FeeFailed(FeeError error) {
    FeeQuote quote;
    quote.error = error;
    return quote;
}

// Applies the rule alone; distance and subtotal already checked.
static FeeQuote ApplyFeeRule(const FeeRule& rule, int64_t distance_m) {
    FeeQuote quote;
    switch (rule.kind) {
        case FeeRuleKind::Flat:
            quote.fee_rp = rule.fee_rp;
            return quote;
        case FeeRuleKind::MinPlusPerKm: {
            int64_t beyond_m = distance_m > rule.min_distance_m ? distance_m - rule.min_distance_m : 0;
            int64_t started_km = beyond_m / 1000 + (beyond_m % 1000 != 0 ? 1 : 0);
            int64_t extra = 0;
            if (__builtin_mul_overflow(started_km, rule.per_km_rp, &extra) ||
                __builtin_add_overflow(rule.min_fee_rp, extra, &quote.fee_rp))
                return FeeFailed(FeeError::InvalidInput);  // the fee overflows: a data error
            return quote;
        }
        case FeeRuleKind::Zones:
            for (const FeeZone& zone : rule.zones) {
                if (distance_m <= zone.max_distance_m) {
                    quote.fee_rp = zone.fee_rp;
                    return quote;
                }
            }
            return FeeFailed(FeeError::OutsideZones);
        case FeeRuleKind::Unknown: break;
    }
    return FeeFailed(FeeError::InvalidInput);  // a rule this build does not know
}

FeeQuote ComputeDeliveryFee(const DeliverySettings& settings, DeliveryMethod method,
                            int64_t distance_m, int64_t subtotal_rp) {
    const DeliveryOption* option = FindDeliveryOption(settings, method);
    if (!option)
        return FeeFailed(FeeError::MethodNotOffered);
    if (distance_m < 0 || subtotal_rp < 0) return FeeFailed(FeeError::InvalidInput);
    if (method == DeliveryMethod::Pickup) return ApplyFeeRule(option->fee_rule, 0);
    if (distance_m > settings.max_distance_m) {
        FeeQuote quote = FeeFailed(FeeError::TooFar);
        quote.max_distance_m = settings.max_distance_m;
        return quote;
    }
    if (subtotal_rp < settings.min_order_rp) {
        FeeQuote quote = FeeFailed(FeeError::BelowMinOrder);
        quote.min_order_rp = settings.min_order_rp;
        quote.missing_rp = settings.min_order_rp - subtotal_rp;
        return quote;
    }
    FeeQuote quote = ApplyFeeRule(option->fee_rule, distance_m);
    if (quote.ok() && settings.free_above_rp > 0 && subtotal_rp >= settings.free_above_rp) {
        quote.fee_rp = 0;
        quote.free_delivery = true;
    }
    return quote;
}

OrderSchedule ScheduleOrder(const MarketHours& hours, int now_min, int weekday) {
    now_min = now_min < 0 ? 0 : (now_min >= 24 * 60 ? 24 * 60 - 1 : now_min);
    weekday = ((weekday % 7) + 7) % 7;
    OrderSchedule schedule;
    if (now_min < hours.open_min) {
        schedule.kind = ScheduleKind::LaterToday;
        schedule.weekday = weekday;
        schedule.start_min = hours.open_min;
    } else if (now_min >= hours.order_cutoff_min) {
        schedule.kind = ScheduleKind::NextDay;
        schedule.days_ahead = 1;
        schedule.weekday = (weekday + 1) % 7;
        schedule.start_min = hours.open_min;
    } else {
        schedule.kind = ScheduleKind::Now;
        schedule.weekday = weekday;
        schedule.start_min = now_min;
    }
    return schedule;
}

}  // namespace pasar
