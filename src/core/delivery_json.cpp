#include "core/delivery.h"

namespace pasar {

static bool DecodeFeeRule(const Json& value, const std::string& path, FeeRule* out,
                          DecodeError* error) {
    if (!ExpectObject(value, path, error)) return false;
    std::string kind;
    if (!ReadString(value, path, "kind", TextRule::Id, &kind, error)) return false;
    if (kind == "flat") {
        out->kind = FeeRuleKind::Flat;
        return ReadInt(value, path, "fee_rp", 0, MAX_FEE_RP, &out->fee_rp, error);
    }
    if (kind == "min_plus_per_km") {
        out->kind = FeeRuleKind::MinPlusPerKm;
        return ReadInt(value, path, "min_fee_rp", 0, MAX_FEE_RP, &out->min_fee_rp, error) &&
               ReadInt(value, path, "min_distance_m", 0, MAX_DISTANCE_M, &out->min_distance_m, error) &&
               ReadInt(value, path, "per_km_rp", 0, MAX_FEE_RP, &out->per_km_rp, error);
    }
    if (kind == "zones") {
        out->kind = FeeRuleKind::Zones;
        const Json* zones = nullptr;
        if (!ReadArray(value, path, "zones", &zones, error)) return false;
        std::string zones_path = JoinPath(path, "zones");
        if (zones->empty()) return Fail(error, zones_path, "must have at least one zone");
        for (size_t i = 0; i < zones->size(); ++i) {
            std::string zone_path = IndexPath(zones_path, i);
            const Json& z = (*zones)[i];
            FeeZone zone;
            if (!ExpectObject(z, zone_path, error) ||
                !ReadInt(z, zone_path, "max_distance_m", 1, MAX_DISTANCE_M, &zone.max_distance_m, error) ||
                !ReadInt(z, zone_path, "fee_rp", 0, MAX_FEE_RP, &zone.fee_rp, error))
                return false;
            if (!out->zones.empty() && zone.max_distance_m <= out->zones.back().max_distance_m)
                return Fail(error, JoinPath(zone_path, "max_distance_m"),
                            "must be greater than the previous zone's");
            out->zones.push_back(zone);
        }
        return true;
    }
    return Fail(error, JoinPath(path, "kind"), "must be one of flat, min_plus_per_km, zones");
}

static Json EncodeFeeRule(const FeeRule& rule) {
    Json out = Json::object();
    out["kind"] = FeeRuleKindName(rule.kind);
    switch (rule.kind) {
        case FeeRuleKind::Flat: out["fee_rp"] = rule.fee_rp; break;
        case FeeRuleKind::MinPlusPerKm:
            out["min_fee_rp"] = rule.min_fee_rp;
            out["min_distance_m"] = rule.min_distance_m;
            out["per_km_rp"] = rule.per_km_rp;
            break;
        case FeeRuleKind::Zones: {
            Json zones = Json::array();
            for (const FeeZone& z : rule.zones)
                zones.push_back({{"max_distance_m", z.max_distance_m}, {"fee_rp", z.fee_rp}});
            out["zones"] = std::move(zones);
            break;
        }
        case FeeRuleKind::Unknown: break;
    }
    return out;
}

bool DecodeDeliverySettings(const Json& value, const std::string& path, DeliverySettings* out,
                            DecodeError* error) {
    if (!ExpectObject(value, path, error)) return false;
    const Json* methods = nullptr;
    if (!ReadArray(value, path, "methods", &methods, error)) return false;
    std::string methods_path = JoinPath(path, "methods");
    if (methods->empty()) return Fail(error, methods_path, "must offer at least one method");
    for (size_t i = 0; i < methods->size(); ++i) {
        std::string item_path = IndexPath(methods_path, i);
        const Json& item = (*methods)[i];
        if (!ExpectObject(item, item_path, error)) return false;
        std::string name;
        if (!ReadString(item, item_path, "method", TextRule::Id, &name, error)) return false;
        DeliveryOption option;
        option.method = ParseDeliveryMethod(name);
        if (option.method == DeliveryMethod::Unknown)
            return Fail(error, JoinPath(item_path, "method"),
                        "must be one of pickup, coop_courier, ojek, stall");
        if (FindDeliveryOption(*out, option.method))
            return Fail(error, JoinPath(item_path, "method"), "is listed twice");
        const Json* rule = nullptr;
        if (!ReadObjectField(item, item_path, "fee_rule", &rule, error) ||
            !DecodeFeeRule(*rule, JoinPath(item_path, "fee_rule"), &option.fee_rule, error))
            return false;
        if (option.method == DeliveryMethod::Pickup &&
            (option.fee_rule.kind != FeeRuleKind::Flat || option.fee_rule.fee_rp != 0))
            return Fail(error, JoinPath(item_path, "fee_rule"), "pickup must be flat with fee_rp 0");
        out->methods.push_back(std::move(option));
    }
    return ReadInt(value, path, "min_order_rp", 0, MAX_ORDER_RULE_RP, &out->min_order_rp, error) &&
           ReadInt(value, path, "free_above_rp", 0, MAX_ORDER_RULE_RP, &out->free_above_rp, error) &&
           ReadInt(value, path, "max_distance_m", 1, MAX_DISTANCE_M, &out->max_distance_m, error);
}

Json EncodeDeliverySettings(const DeliverySettings& settings) {
    Json methods = Json::array();
    for (const DeliveryOption& option : settings.methods)
        methods.push_back({{"method", DeliveryMethodName(option.method)},
                           {"fee_rule", EncodeFeeRule(option.fee_rule)}});
    Json out = Json::object();
    out["methods"] = std::move(methods);
    out["min_order_rp"] = settings.min_order_rp;
    out["free_above_rp"] = settings.free_above_rp;
    out["max_distance_m"] = settings.max_distance_m;
    return out;
}

static bool ReadClock(const Json& obj, const std::string& path, const char* key, int* out,
                      DecodeError* error) {
    std::string text;
    if (!ReadString(obj, path, key, TextRule::Text, &text, error)) return false;
    int minutes = ParseClockMinutes(text);
    if (minutes < 0) return Fail(error, JoinPath(path, key), "must be a time HH:MM (00:00 to 23:59)");
    *out = minutes;
    return true;
}

bool DecodeMarketHours(const Json& value, const std::string& path, MarketHours* out,
                       DecodeError* error) {
    if (!ExpectObject(value, path, error)) return false;
    if (!ReadClock(value, path, "open", &out->open_min, error) ||
        !ReadClock(value, path, "close", &out->close_min, error) ||
        !ReadClock(value, path, "order_cutoff", &out->order_cutoff_min, error))
        return false;
    if (out->close_min <= out->open_min) return Fail(error, JoinPath(path, "close"), "must be after open");
    if (out->order_cutoff_min < out->open_min || out->order_cutoff_min > out->close_min)
        return Fail(error, JoinPath(path, "order_cutoff"), "must be between open and close");
    return true;
}

Json EncodeMarketHours(const MarketHours& hours) {
    return Json{{"open", FormatClockMinutes(hours.open_min)},
                {"close", FormatClockMinutes(hours.close_min)},
                {"order_cutoff", FormatClockMinutes(hours.order_cutoff_min)}};
}

}  // namespace pasar
