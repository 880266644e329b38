#include <limits>

#include "core/money.h"
#include "core/orders.h"

namespace pasar {

namespace {

const char* ScheduleName(ScheduleKind kind) {
    switch (kind) {
        case ScheduleKind::Now: return "now";
        case ScheduleKind::LaterToday: return "later_today";
        case ScheduleKind::NextDay: return "next_day";
    }
    return "now";
}

constexpr int64_t MAX_MONEY_RP = std::numeric_limits<int64_t>::max() / 4;

bool DecodeOrderLine(const Json& v, const std::string& path, OrderLine* line, DecodeError* error) {
    std::string unit, substitution;
    if (!ExpectObject(v, path, error) || !ReadString(v, path, "product_id", TextRule::Id, &line->product_id, error) ||
        !ReadString(v, path, "stall_id", TextRule::Id, &line->stall_id, error) ||
        !ReadString(v, path, "name", TextRule::Text, &line->name, error) ||
        !ReadString(v, path, "unit", TextRule::Id, &unit, error))
        return false;
    line->unit = ParseBaseUnit(unit);
    if (line->unit == BaseUnit::Unknown) return Fail(error, JoinPath(path, "unit"), "must be one of kg, liter, piece");
    bool has_piece = false, has_actual = false;
    if (!ReadOptionalString(v, path, "piece_name", TextRule::Id, &line->piece_name, &has_piece, error)) return false;
    if ((line->unit == BaseUnit::Piece) != has_piece)
        return Fail(error, JoinPath(path, "piece_name"),
                    line->unit == BaseUnit::Piece ? "is required for unit piece" : "is only for unit piece");
    if (!ReadInt(v, path, "price_rp", 1, MAX_PRICE_RP, &line->price_rp, error) ||
        !ReadInt(v, path, "qty_milli", 1, MAX_QTY_MILLI, &line->qty_milli, error) ||
        !ReadBool(v, path, "weighed", &line->weighed, error) ||
        !ReadOptionalInt(v, path, "actual_qty_milli", 1, 2 * MAX_QTY_MILLI, &line->actual_qty_milli, &has_actual,
                         error) ||
        !ReadInt(v, path, "line_total_rp", 0, MAX_MONEY_RP, &line->line_total_rp, error) ||
        !ReadString(v, path, "note", TextRule::Free, &line->note, error) ||
        !ReadString(v, path, "substitution", TextRule::Id, &substitution, error))
        return false;
    if (has_actual && (!line->weighed || line->unit != BaseUnit::Kg))
        return Fail(error, JoinPath(path, "actual_qty_milli"), "is only for weighed kg lines");
    if (line->unit == BaseUnit::Piece && line->qty_milli % 1000 != 0)
        return Fail(error, JoinPath(path, "qty_milli"), "must be whole pieces (a multiple of 1000)");
    std::string clean;
    if (!NormalizeNote(line->note, &clean) || clean != line->note)
        return Fail(error, JoinPath(path, "note"), "must be trimmed plain text of at most 140 bytes");
    line->substitution = ParseSubstitution(substitution);
    if (line->substitution == Substitution::Unknown)
        return Fail(error, JoinPath(path, "substitution"), "must be one of ganti_serupa, batalkan_item, hubungi_saya");
    return true;
}

}  // namespace

std::string EncodeOrder(const Order& o) { return DumpJson(EncodeOrderJson(o)); }

const char* WireSubstitutionName(Substitution s) {
    switch (s) {
        case Substitution::ReplaceSimilar: return "similar";
        case Substitution::CancelItem: return "cancel";
        case Substitution::ContactMe:
        case Substitution::Unknown: break;
    }
    return "contact";
}

Json EncodePlaceOrderArgs(const Order& o) {
    Json args = Json::object();
    args["order_id"] = o.id;
    args["secret"] = o.secret;
    args["catalog_version"] = o.catalog_version;
    args["market_id"] = o.market_id;
    Json lines = Json::array();
    for (const OrderLine& l : o.lines) {
        lines.push_back({{"product_id", l.product_id}, {"qty_milli", l.qty_milli}, {"price_rp", l.price_rp},
                         {"note", l.note}, {"substitution", WireSubstitutionName(l.substitution)}});
    }
    args["lines"] = std::move(lines);
    Json delivery = {{"method", DeliveryMethodName(o.delivery_method)}};
    if (o.delivery_method != DeliveryMethod::Pickup) delivery["area_id"] = o.area_id;
    args["delivery"] = std::move(delivery);
    args["buyer"] = {{"name", o.buyer_name}, {"phone", o.buyer_phone}, {"address", o.address},
                     {"landmark", o.landmark}};
    args["payment"] = PaymentMethodName(o.payment_method);
    args["quoted"] = {{"subtotal_rp", o.quoted_subtotal_rp}, {"delivery_fee_rp", o.delivery_fee_rp},
                      {"total_rp", o.quoted_total_rp}};
    return args;
}

Json EncodeOrderJson(const Order& o) {
    Json doc = Json::object();
    doc["format_version"] = ORDER_FORMAT_VERSION;
    doc["id"] = o.id;
    doc["idempotency_key"] = o.idempotency_key;
    doc["secret"] = o.secret;
    doc["market_id"] = o.market_id;
    doc["catalog_version"] = o.catalog_version;
    doc["created_at_ms"] = o.created_at_ms;
    doc["buyer"] = {{"name", o.buyer_name}, {"phone", o.buyer_phone}, {"address", o.address},
                    {"landmark", o.landmark}, {"area_id", o.area_id}};
    doc["delivery_method"] = DeliveryMethodName(o.delivery_method);
    doc["payment_method"] = PaymentMethodName(o.payment_method);
    doc["distance_m"] = o.distance_m;
    doc["schedule"] = {{"kind", ScheduleName(o.schedule)}, {"weekday", o.handle_weekday},
                       {"start_min", o.handle_start_min}};
    Json lines = Json::array();
    for (const OrderLine& l : o.lines) {
        Json j = Json::object();
        j["product_id"] = l.product_id;
        j["stall_id"] = l.stall_id;
        j["name"] = l.name;
        j["unit"] = BaseUnitName(l.unit);
        if (l.unit == BaseUnit::Piece) j["piece_name"] = l.piece_name;
        j["price_rp"] = l.price_rp;
        j["qty_milli"] = l.qty_milli;
        j["weighed"] = l.weighed;
        if (l.actual_qty_milli > 0) j["actual_qty_milli"] = l.actual_qty_milli;
        j["line_total_rp"] = l.line_total_rp;
        j["note"] = l.note;
        j["substitution"] = SubstitutionName(l.substitution);
        lines.push_back(std::move(j));
    }
    doc["lines"] = std::move(lines);
    doc["quoted_subtotal_rp"] = o.quoted_subtotal_rp;
    doc["subtotal_rp"] = o.subtotal_rp;
    doc["delivery_fee_rp"] = o.delivery_fee_rp;
    doc["quoted_total_rp"] = o.quoted_total_rp;
    doc["total_rp"] = o.total_rp;
    doc["status"] = OrderStatusName(o.status);
    doc["status_reason"] = o.status_reason;
    return doc;
}

Decoded<Order> DecodeOrder(std::string_view text) {
    Decoded<Order> result;
    DecodeError* error = &result.error;
    Order& o = result.value;
    Json doc = ParseVersionedDocument(text, ORDER_FORMAT_VERSION, "", error);
    if (doc.is_discarded()) return result;
    if (!ReadString(doc, "", "id", TextRule::Text, &o.id, error)) return result;
    if (!IsValidOrderId(o.id)) {
        Fail(error, "id", "must be 12 Crockford base32 characters");
        return result;
    }
    if (!ReadString(doc, "", "idempotency_key", TextRule::Text, &o.idempotency_key, error)) return result;
    if (!IsValidHexToken(o.idempotency_key)) {
        Fail(error, "idempotency_key", "must be 32 lowercase hex digits");
        return result;
    }
    if (!ReadString(doc, "", "secret", TextRule::Text, &o.secret, error)) return result;
    if (!IsValidHexToken(o.secret)) {
        Fail(error, "secret", "must be 32 lowercase hex digits");
        return result;
    }
    const Json* buyer = nullptr;
    std::string delivery, payment;
    if (!ReadString(doc, "", "market_id", TextRule::Id, &o.market_id, error) ||
        !ReadString(doc, "", "catalog_version", TextRule::Text, &o.catalog_version, error) ||
        !ReadInt(doc, "", "created_at_ms", 0, std::numeric_limits<int64_t>::max(), &o.created_at_ms, error) ||
        !ReadObjectField(doc, "", "buyer", &buyer, error) ||
        !ReadString(*buyer, "buyer", "name", TextRule::Text, &o.buyer_name, error) ||
        !ReadString(*buyer, "buyer", "phone", TextRule::Text, &o.buyer_phone, error))
        return result;
    PhoneResult phone = NormalizePhone(o.buyer_phone);
    if (!phone.ok() || phone.normalized != o.buyer_phone) {
        Fail(error, "buyer.phone", "must be a normalised mobile number +628...");
        return result;
    }
    if (!ReadString(*buyer, "buyer", "address", TextRule::Free, &o.address, error) ||
        !ReadString(*buyer, "buyer", "landmark", TextRule::Free, &o.landmark, error) ||
        !ReadString(*buyer, "buyer", "area_id", TextRule::Free, &o.area_id, error) ||
        !ReadString(doc, "", "delivery_method", TextRule::Id, &delivery, error) ||
        !ReadString(doc, "", "payment_method", TextRule::Id, &payment, error))
        return result;
    o.delivery_method = ParseDeliveryMethod(delivery);
    if (o.delivery_method == DeliveryMethod::Unknown) {
        Fail(error, "delivery_method", "must be one of pickup, coop_courier, ojek, stall");
        return result;
    }
    if (o.delivery_method != DeliveryMethod::Pickup && !IsValidId(o.area_id)) {
        Fail(error, "buyer.area_id", "is required for delivery");
        return result;
    }
    o.payment_method = ParsePaymentMethod(payment);
    if (o.payment_method == PaymentMethod::Unknown) {
        Fail(error, "payment_method", "must be one of cod, qris, transfer");
        return result;
    }
    const Json* schedule = nullptr;
    std::string kind;
    int64_t weekday = 0, start_min = 0;
    if (!ReadInt(doc, "", "distance_m", 0, MAX_DISTANCE_M, &o.distance_m, error) ||
        !ReadObjectField(doc, "", "schedule", &schedule, error) ||
        !ReadString(*schedule, "schedule", "kind", TextRule::Id, &kind, error) ||
        !ReadInt(*schedule, "schedule", "weekday", 0, 6, &weekday, error) ||
        !ReadInt(*schedule, "schedule", "start_min", 0, 24 * 60 - 1, &start_min, error))
        return result;
    if (kind == "now") o.schedule = ScheduleKind::Now;
    else if (kind == "later_today") o.schedule = ScheduleKind::LaterToday;
    else if (kind == "next_day") o.schedule = ScheduleKind::NextDay;
    else {
        Fail(error, "schedule.kind", "must be one of now, later_today, next_day");
        return result;
    }
    o.handle_weekday = int(weekday);
    o.handle_start_min = int(start_min);
    const Json* lines = nullptr;
    if (!ReadArray(doc, "", "lines", &lines, error)) return result;
    if (lines->empty() || lines->size() > MAX_CART_LINES) {
        Fail(error, "lines", "must have 1 to " + std::to_string(MAX_CART_LINES) + " lines");
        return result;
    }
    for (size_t i = 0; i < lines->size(); ++i) {
        OrderLine line;
        if (!DecodeOrderLine((*lines)[i], IndexPath("lines", i), &line, error)) return result;
        o.lines.push_back(std::move(line));
    }
    std::string status;
    if (!ReadInt(doc, "", "quoted_subtotal_rp", 0, MAX_MONEY_RP, &o.quoted_subtotal_rp, error) ||
        !ReadInt(doc, "", "subtotal_rp", 0, MAX_MONEY_RP, &o.subtotal_rp, error) ||
        !ReadInt(doc, "", "delivery_fee_rp", 0, MAX_FEE_RP, &o.delivery_fee_rp, error) ||
        !ReadInt(doc, "", "quoted_total_rp", 0, MAX_MONEY_RP, &o.quoted_total_rp, error) ||
        !ReadInt(doc, "", "total_rp", 0, MAX_MONEY_RP, &o.total_rp, error) ||
        !ReadString(doc, "", "status", TextRule::Id, &status, error) ||
        !ReadString(doc, "", "status_reason", TextRule::Free, &o.status_reason, error))
        return result;
    o.status = ParseOrderStatus(status);
    if (o.status == OrderStatus::Unknown) {
        Fail(error, "status", "unknown status '" + status + "'");
        return result;
    }
    // The arithmetic must hold: a stored or received order never carries totals of its own making.
    Order check = o;
    if (!RecomputeOrderTotals(&check)) {
        Fail(error, "total_rp", "overflows");
        return result;
    }
    for (size_t i = 0; i < o.lines.size(); ++i) {
        if (check.lines[i].line_total_rp != o.lines[i].line_total_rp) {
            Fail(error, JoinPath(IndexPath("lines", i), "line_total_rp"),
                 "must be " + std::to_string(check.lines[i].line_total_rp) + " (price_rp x quantity / 1000)");
            return result;
        }
    }
    const struct {
        const char* key;
        int64_t expected, got;
    } totals[] = {{"quoted_subtotal_rp", check.quoted_subtotal_rp, o.quoted_subtotal_rp},
                  {"subtotal_rp", check.subtotal_rp, o.subtotal_rp},
                  {"quoted_total_rp", check.quoted_total_rp, o.quoted_total_rp},
                  {"total_rp", check.total_rp, o.total_rp}};
    for (const auto& t : totals) {
        if (t.expected != t.got) {
            Fail(error, t.key, "must be " + std::to_string(t.expected) + " (sum of the lines and the fee)");
            return result;
        }
    }
    result.ok = true;
    return result;
}

}  // namespace pasar
