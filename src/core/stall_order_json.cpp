// The `account_order` entry <-> StallOrder, and the small enums the stall's order view uses.
#include "core/stall_orders.h"

#include "core/limits.h"
#include "core/outbox.h"

namespace pasar {

namespace {

constexpr int64_t MAX_ORDER_MONEY_RP = int64_t(1) << 50;  // as sync_protocol's MAX_SYNC_MONEY_RP
constexpr int64_t MAX_VERSION = (int64_t(1) << 53) - 1;
constexpr int64_t MAX_MS = (int64_t(1) << 53) - 1;
constexpr size_t MAX_ORDER_LINES = 1000;

// A field that must be present and may be null: the server always sends these keys.
bool ReadNullableInt(const Json& v, const std::string& path, const char* key, int64_t lo, int64_t hi,
                     std::optional<int64_t>* out, DecodeError* error) {
    auto it = v.find(key);
    if (it == v.end()) return Fail(error, JoinPath(path, key), "is required (null when none)");
    out->reset();
    if (it->is_null()) return true;
    int64_t n = 0;
    if (!CheckInt(*it, JoinPath(path, key), lo, hi, &n, error)) return false;
    *out = n;
    return true;
}

// Text from the server (a reason, a name, a pickup point): any string, cleaned for showing; null allowed.
bool ReadNullableText(const Json& v, const std::string& path, const char* key, std::optional<std::string>* out,
                      DecodeError* error) {
    auto it = v.find(key);
    if (it == v.end()) return Fail(error, JoinPath(path, key), "is required (null when none)");
    out->reset();
    if (it->is_null()) return true;
    if (!it->is_string()) return Fail(error, JoinPath(path, key), "must be a string or null");
    *out = CleanServerText(it->get_ref<const std::string&>());
    return true;
}

bool ReadText(const Json& v, const std::string& path, const char* key, std::string* out, DecodeError* error) {
    auto it = v.find(key);
    if (it == v.end()) return Fail(error, JoinPath(path, key), "is required");
    if (!it->is_string()) return Fail(error, JoinPath(path, key), "must be a string");
    *out = CleanServerText(it->get_ref<const std::string&>());
    return true;
}

bool ReadStatusField(const Json& v, const std::string& path, OrderStatus* out, DecodeError* error) {
    std::string text;
    if (!ReadText(v, path, "status", &text, error)) return false;
    *out = ParseOrderStatus(text);  // Unknown: a newer state, kept, not fatal
    return true;
}

Json Nullable(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }
Json Nullable(const std::optional<int64_t>& n) { return n ? Json(*n) : Json(nullptr); }

bool DecodeLine(const Json& v, const std::string& path, StallOrderLine* l, DecodeError* error) {
    std::string unit;
    if (!ExpectObject(v, path, error) || !ReadInt(v, path, "line_no", 1, 1000, &l->line_no, error) ||
        !ReadString(v, path, "product_id", TextRule::Id, &l->product_id, error) ||
        !ReadString(v, path, "stall_id", TextRule::Id, &l->stall_id, error) ||
        !ReadText(v, path, "name", &l->name, error) || !ReadText(v, path, "unit", &unit, error) ||
        !ReadBool(v, path, "weighed", &l->weighed, error) ||
        !ReadInt(v, path, "qty_milli", 1, MAX_QTY_MILLI_PIECE, &l->qty_milli, error) ||
        !ReadNullableInt(v, path, "settled_qty_milli", 0, 2 * MAX_QTY_MILLI_PIECE, &l->settled_qty_milli, error) ||
        !ReadInt(v, path, "quoted_price_rp", 1, MAX_PRICE_RP, &l->quoted_price_rp, error) ||
        !ReadInt(v, path, "price_rp", 1, MAX_PRICE_RP, &l->price_rp, error) ||
        !ReadInt(v, path, "list_price_rp", 1, MAX_PRICE_RP, &l->list_price_rp, error) ||
        !ReadBool(v, path, "price_stale", &l->price_stale, error) ||
        !ReadInt(v, path, "line_total_rp", 0, MAX_ORDER_MONEY_RP, &l->line_total_rp, error) ||
        !ReadText(v, path, "note", &l->note, error) ||
        !ReadText(v, path, "substitution", &l->substitution_name, error) || !ReadStatusField(v, path, &l->status, error))
        return false;
    l->unit = ParseBaseUnit(unit);
    if (l->unit == BaseUnit::Unknown) return Fail(error, JoinPath(path, "unit"), "must be kg, liter or piece");
    l->substitution = ParseWireSubstitution(l->substitution_name);
    return true;
}

bool DecodePart(const Json& v, const std::string& path, StallOrderPart* p, DecodeError* error) {
    if (!ExpectObject(v, path, error) || !ReadString(v, path, "stall_id", TextRule::Id, &p->stall_id, error) ||
        !ReadStatusField(v, path, &p->status, error) || !ReadNullableText(v, path, "reason", &p->reason, error) ||
        !ReadNullableText(v, path, "reason_code", &p->reason_code, error) ||
        !ReadNullableInt(v, path, "answer_by_ms", 0, MAX_MS, &p->answer_by_ms, error) ||
        !ReadBool(v, path, "missed", &p->missed, error))
        return false;
    return true;
}

bool DecodeDelivery(const Json& v, const std::string& path, StallOrderDelivery* d, DecodeError* error) {
    if (!ExpectObject(v, path, error) || !ReadText(v, path, "method", &d->method_name, error) ||
        !ReadNullableText(v, path, "area_id", &d->area_id, error) ||
        !ReadNullableInt(v, path, "distance_m", 0, 1000000, &d->distance_m, error))
        return false;
    d->method = ParseDeliveryMethod(d->method_name);
    d->pickup_point.reset();
    if (v.contains("pickup_point") && !ReadNullableText(v, path, "pickup_point", &d->pickup_point, error)) return false;
    return true;
}

bool DecodeBuyer(const Json& v, const std::string& path, std::optional<StallOrderBuyer>* out, DecodeError* error) {
    out->reset();
    if (v.is_null()) return true;
    if (!ExpectObject(v, path, error)) return false;
    StallOrderBuyer b;
    std::optional<std::string>* fields[] = {&b.name, &b.phone, &b.address, &b.landmark};
    const char* keys[] = {"name", "phone", "address", "landmark"};
    for (size_t i = 0; i < 4; ++i) {
        if (!v.contains(keys[i])) continue;
        if (!ReadNullableText(v, path, keys[i], fields[i], error)) return false;
    }
    *out = std::move(b);
    return true;
}

}  // namespace

const char* RejectReasonName(RejectReason reason) {
    switch (reason) {
        case RejectReason::SoldOut: return "sold_out";
        case RejectReason::NotEnoughStock: return "not_enough_stock";
        case RejectReason::Closing: return "closing";
        case RejectReason::PriceChanged: return "price_changed";
        case RejectReason::TooBusy: return "too_busy";
        case RejectReason::Other: return "other";
        case RejectReason::Unknown: break;
    }
    return "unknown";
}

RejectReason ParseRejectReason(std::string_view text) {
    for (RejectReason r : {RejectReason::SoldOut, RejectReason::NotEnoughStock, RejectReason::Closing,
                           RejectReason::PriceChanged, RejectReason::TooBusy, RejectReason::Other})
        if (text == RejectReasonName(r)) return r;
    return RejectReason::Unknown;
}

Substitution ParseWireSubstitution(std::string_view text) {
    for (Substitution s : {Substitution::ReplaceSimilar, Substitution::CancelItem, Substitution::ContactMe})
        if (text == WireSubstitutionName(s)) return s;
    return Substitution::Unknown;
}

bool DecodeStallOrderJson(const Json& v, const std::string& path, StallOrder* o, DecodeError* error) {
    const Json* delivery = nullptr;
    const Json* lines = nullptr;
    const Json* stalls = nullptr;
    if (!ExpectObject(v, path, error) || !ReadText(v, path, "order_id", &o->order_id, error)) return false;
    if (!IsValidOrderId(o->order_id))
        return Fail(error, JoinPath(path, "order_id"), "must be 12 Crockford base32 characters");
    if (!ReadStatusField(v, path, &o->status, error) || !ReadNullableText(v, path, "reason", &o->reason, error) ||
        !ReadString(v, path, "market_id", TextRule::Id, &o->market_id, error) ||
        !ReadString(v, path, "catalog_version", TextRule::Text, &o->catalog_version, error) ||
        !ReadInt(v, path, "placed_version", 0, MAX_VERSION, &o->placed_version, error) ||
        !ReadInt(v, path, "version", 0, MAX_VERSION, &o->version, error) ||
        !ReadInt(v, path, "placed_at_ms", 0, MAX_MS, &o->placed_at_ms, error) ||
        !ReadObjectField(v, path, "delivery", &delivery, error) ||
        !DecodeDelivery(*delivery, JoinPath(path, "delivery"), &o->delivery, error))
        return false;
    auto buyer = v.find("buyer");
    if (buyer == v.end()) return Fail(error, JoinPath(path, "buyer"), "is required (null when none)");
    if (!DecodeBuyer(*buyer, JoinPath(path, "buyer"), &o->buyer, error) ||
        !ReadText(v, path, "payment", &o->payment, error) ||
        !ReadBool(v, path, "needs_confirm", &o->needs_confirm, error) ||
        !ReadInt(v, path, "subtotal_rp", 0, MAX_ORDER_MONEY_RP, &o->subtotal_rp, error) ||
        !ReadInt(v, path, "delivery_fee_rp", 0, MAX_ORDER_MONEY_RP, &o->delivery_fee_rp, error) ||
        !ReadInt(v, path, "total_rp", 0, MAX_ORDER_MONEY_RP, &o->total_rp, error) ||
        !ReadArray(v, path, "lines", &lines, error) || !ReadArray(v, path, "stalls", &stalls, error) ||
        !ReadNullableInt(v, path, "answer_by_ms", 0, MAX_MS, &o->answer_by_ms, error) ||
        !ReadBool(v, path, "missed", &o->missed, error))
        return false;
    if (lines->size() > MAX_ORDER_LINES) return Fail(error, JoinPath(path, "lines"), "must hold at most 1000 lines");
    if (stalls->size() > MAX_ORDER_LINES) return Fail(error, JoinPath(path, "stalls"), "must hold at most 1000 stalls");
    o->lines.clear();
    o->stalls.clear();
    for (size_t i = 0; i < lines->size(); ++i) {
        StallOrderLine line;
        if (!DecodeLine((*lines)[i], IndexPath(JoinPath(path, "lines"), i), &line, error)) return false;
        o->lines.push_back(std::move(line));
    }
    for (size_t i = 0; i < stalls->size(); ++i) {
        StallOrderPart part;
        if (!DecodePart((*stalls)[i], IndexPath(JoinPath(path, "stalls"), i), &part, error)) return false;
        o->stalls.push_back(std::move(part));
    }
    bool has_day = false;
    o->market_day.clear();
    if (!ReadOptionalString(v, path, "market_day", TextRule::Text, &o->market_day, &has_day, error)) return false;
    o->flags.clear();
    o->has_flags = v.contains("flags");
    if (o->has_flags) {
        const Json* flags = nullptr;
        if (!ReadArray(v, path, "flags", &flags, error)) return false;
        if (flags->size() > MAX_ORDER_LINES) return Fail(error, JoinPath(path, "flags"), "must hold at most 1000 flags");
        for (size_t i = 0; i < flags->size(); ++i) {
            const Json& flag = (*flags)[i];
            if (!flag.is_string() || flag.get<std::string>().empty())
                return Fail(error, IndexPath(JoinPath(path, "flags"), i), "must be a non-empty string");
            o->flags.push_back(flag.get<std::string>());
        }
    }
    o->stall_subtotal_rp.reset();
    if (v.contains("stall_subtotal_rp")) {  // a stall's token only
        int64_t n = 0;
        if (!ReadInt(v, path, "stall_subtotal_rp", 0, MAX_ORDER_MONEY_RP, &n, error)) return false;
        o->stall_subtotal_rp = n;
    }
    return true;
}

Json EncodeStallOrderJson(const StallOrder& o) {
    Json j = Json::object();
    j["order_id"] = o.order_id;
    j["status"] = OrderStatusName(o.status);
    j["reason"] = Nullable(o.reason);
    j["market_id"] = o.market_id;
    j["catalog_version"] = o.catalog_version;
    j["placed_version"] = o.placed_version;
    j["version"] = o.version;
    j["placed_at_ms"] = o.placed_at_ms;
    if (!o.market_day.empty()) j["market_day"] = o.market_day;
    if (o.has_flags) j["flags"] = o.flags;
    Json d = {{"method", o.delivery.method_name.empty() ? DeliveryMethodName(o.delivery.method) : o.delivery.method_name},
              {"area_id", Nullable(o.delivery.area_id)},
              {"distance_m", Nullable(o.delivery.distance_m)}};
    if (o.delivery.method == DeliveryMethod::Pickup) d["pickup_point"] = Nullable(o.delivery.pickup_point);
    j["delivery"] = std::move(d);
    if (o.buyer) {
        Json b = Json::object();
        if (o.buyer->name) b["name"] = *o.buyer->name;
        if (o.buyer->phone) b["phone"] = *o.buyer->phone;
        if (o.buyer->address) b["address"] = *o.buyer->address;
        if (o.buyer->landmark) b["landmark"] = *o.buyer->landmark;
        j["buyer"] = std::move(b);
    } else {
        j["buyer"] = nullptr;
    }
    j["payment"] = o.payment;
    j["needs_confirm"] = o.needs_confirm;
    j["subtotal_rp"] = o.subtotal_rp;
    j["delivery_fee_rp"] = o.delivery_fee_rp;
    j["total_rp"] = o.total_rp;
    Json lines = Json::array();
    for (const StallOrderLine& l : o.lines) {
        lines.push_back({{"line_no", l.line_no}, {"product_id", l.product_id}, {"stall_id", l.stall_id},
                         {"name", l.name}, {"unit", BaseUnitName(l.unit)}, {"weighed", l.weighed},
                         {"qty_milli", l.qty_milli}, {"settled_qty_milli", Nullable(l.settled_qty_milli)},
                         {"quoted_price_rp", l.quoted_price_rp}, {"price_rp", l.price_rp},
                         {"list_price_rp", l.list_price_rp}, {"price_stale", l.price_stale},
                         {"line_total_rp", l.line_total_rp}, {"note", l.note},
                         {"substitution", l.substitution_name.empty() ? WireSubstitutionName(l.substitution)
                                                                      : l.substitution_name},
                         {"status", OrderStatusName(l.status)}});
    }
    j["lines"] = std::move(lines);
    Json stalls = Json::array();
    for (const StallOrderPart& p : o.stalls) {
        stalls.push_back({{"stall_id", p.stall_id}, {"status", OrderStatusName(p.status)},
                          {"reason", Nullable(p.reason)}, {"reason_code", Nullable(p.reason_code)},
                          {"answer_by_ms", Nullable(p.answer_by_ms)}, {"missed", p.missed}});
    }
    j["stalls"] = std::move(stalls);
    j["answer_by_ms"] = Nullable(o.answer_by_ms);
    j["missed"] = o.missed;
    if (o.stall_subtotal_rp) j["stall_subtotal_rp"] = *o.stall_subtotal_rp;
    return j;
}

Decoded<StallOrder> DecodeStallOrder(std::string_view text) {
    Decoded<StallOrder> result;
    Json doc = ParseJsonText(text, &result.error);
    if (doc.is_discarded()) return result;
    result.ok = DecodeStallOrderJson(doc, "", &result.value, &result.error);
    return result;
}

const StallOrderPart* FindStallPart(const StallOrder& order, std::string_view stall_id) {
    for (const StallOrderPart& p : order.stalls)
        if (p.stall_id == stall_id) return &p;
    return nullptr;
}

const StallOrderLine* FindStallLine(const StallOrder& order, int64_t line_no) {
    for (const StallOrderLine& l : order.lines)
        if (l.line_no == line_no) return &l;
    return nullptr;
}

}  // namespace pasar
