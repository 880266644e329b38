// The stall's requests: sign-in and PIN bodies, and the mutations it queues, checked by serve.py's rules.
#include "core/stall_wire.h"

#include <algorithm>

#include "core/limits.h"
#include "core/orders.h"

namespace pasar {

namespace {

bool AllOf(std::string_view text, bool (*ok)(char)) {
    for (char c : text)
        if (!ok(c)) return false;
    return true;
}
bool IsDigitChar(char c) { return c >= '0' && c <= '9'; }
bool IsKeyChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || IsDigitChar(c) || c == '_' || c == '-';
}

// Characters, as serve.py counts them (code points of valid UTF-8).
size_t Utf8Chars(std::string_view text) {
    size_t n = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

std::string Trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return std::string(text);
}

bool HasControl(std::string_view text) {
    for (char c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
    return false;
}

StallMutation Refuse(StallInputError error, std::string field) {
    StallMutation m;
    m.error = error;
    m.field = std::move(field);
    m.args = Json::object();
    return m;
}

StallMutation Named(const char* name, Json args) {
    StallMutation m;
    m.name = name;
    m.args = std::move(args);
    return m;
}

BuiltBody RefuseBody(StallInputError error, std::string field) {
    BuiltBody b;
    b.error = error;
    b.field = std::move(field);
    return b;
}

bool IsGoodPrice(int64_t price_rp) { return price_rp >= 1 && price_rp <= MAX_PRICE_RP; }

}  // namespace

const char* StallInputErrorName(StallInputError error) {
    switch (error) {
        case StallInputError::None: return "none";
        case StallInputError::BadStallCode: return "bad_stall_code";
        case StallInputError::BadPin: return "bad_pin";
        case StallInputError::BadNewPin: return "bad_new_pin";
        case StallInputError::SamePin: return "same_pin";
        case StallInputError::BadDeviceKey: return "bad_device_key";
        case StallInputError::BadProductId: return "bad_product_id";
        case StallInputError::BadPrice: return "bad_price";
        case StallInputError::BadAvailability: return "bad_availability";
        case StallInputError::BadName: return "bad_name";
        case StallInputError::BadCategory: return "bad_category";
        case StallInputError::BadUnit: return "bad_unit";
        case StallInputError::BadSteps: return "bad_steps";
        case StallInputError::StepsNotWhole: return "steps_not_whole";
        case StallInputError::BadPieceName: return "bad_piece_name";
        case StallInputError::UntilNotAfterNow: return "until_not_after_now";
        case StallInputError::UntilTooFar: return "until_too_far";
        case StallInputError::UntilWhileOpen: return "until_while_open";
        case StallInputError::BadOrderId: return "bad_order_id";
        case StallInputError::NoLines: return "no_lines";
        case StallInputError::UnknownLine: return "unknown_line";
        case StallInputError::QuantityTooLarge: return "quantity_too_large";
        case StallInputError::NotWholePieces: return "not_whole_pieces";
        case StallInputError::PriceNotAdjustable: return "price_not_adjustable";
        case StallInputError::PriceOutOfRange: return "price_out_of_range";
        case StallInputError::ReasonNeeded: return "reason_needed";
        case StallInputError::ReasonTooLong: return "reason_too_long";
        case StallInputError::BadReason: return "bad_reason";
    }
    return "unknown";
}

bool IsValidPin(std::string_view pin) { return pin.size() >= 4 && pin.size() <= 12 && AllOf(pin, IsDigitChar); }
bool IsValidNewPin(std::string_view pin) { return pin.size() == 6 && AllOf(pin, IsDigitChar); }
bool IsValidDeviceKey(std::string_view key) { return key.size() >= 22 && key.size() <= 100 && AllOf(key, IsKeyChar); }
bool IsValidStallCode(std::string_view code) { return code.size() <= 120 && IsValidId(code); }

std::string MakeDeviceKey(const std::array<uint8_t, DEVICE_KEY_RANDOM_BYTES>& bytes) {
    static const char HEX[] = "0123456789abcdef";
    std::string key = "dk-";
    for (uint8_t b : bytes) {
        key += HEX[b >> 4];
        key += HEX[b & 15];
    }
    return key;
}

BuiltBody BuildLoginBody(const StallLogin& login) {
    if (!IsValidStallCode(login.stall_code)) return RefuseBody(StallInputError::BadStallCode, "stall_code");
    if (!IsValidPin(login.pin)) return RefuseBody(StallInputError::BadPin, "pin");
    if (!login.device_key.empty() && !IsValidDeviceKey(login.device_key))
        return RefuseBody(StallInputError::BadDeviceKey, "device_key");
    Json body = {{"stall_code", login.stall_code}, {"pin", login.pin}};
    if (!login.device_key.empty()) body["device_key"] = login.device_key;
    BuiltBody b;
    b.body = DumpJson(body);
    return b;
}

BuiltBody BuildChangePinBody(std::string_view pin, std::string_view new_pin) {
    if (!IsValidPin(pin)) return RefuseBody(StallInputError::BadPin, "pin");
    if (!IsValidNewPin(new_pin)) return RefuseBody(StallInputError::BadNewPin, "new_pin");
    if (pin == new_pin) return RefuseBody(StallInputError::SamePin, "new_pin");
    BuiltBody b;
    b.body = DumpJson(Json{{"pin", std::string(pin)}, {"new_pin", std::string(new_pin)}});
    return b;
}

StallMutation BuildSetPrice(std::string_view product_id, int64_t price_rp, std::optional<int64_t> seen_price_rp) {
    if (!IsValidId(product_id)) return Refuse(StallInputError::BadProductId, "args.product_id");
    if (!IsGoodPrice(price_rp)) return Refuse(StallInputError::BadPrice, "args.price_rp");
    if (seen_price_rp && !IsGoodPrice(*seen_price_rp)) return Refuse(StallInputError::BadPrice, "args.seen_price_rp");
    Json args = {{"product_id", std::string(product_id)}, {"price_rp", price_rp}};
    if (seen_price_rp) args["seen_price_rp"] = *seen_price_rp;
    return Named("set_price", std::move(args));
}

StallMutation BuildSetAvailability(std::string_view product_id, Availability availability) {
    if (!IsValidId(product_id)) return Refuse(StallInputError::BadProductId, "args.product_id");
    if (availability == Availability::Unknown) return Refuse(StallInputError::BadAvailability, "args.availability");
    return Named("set_availability",
                    {{"product_id", std::string(product_id)}, {"availability", AvailabilityName(availability)}});
}

StallMutation BuildConfirmPrices() { return Named("confirm_prices", Json::object()); }

StallMutation BuildSetProductHidden(std::string_view product_id, bool hidden) {
    if (!IsValidId(product_id)) return Refuse(StallInputError::BadProductId, "args.product_id");
    return Named("set_product_hidden", {{"product_id", std::string(product_id)}, {"hidden", hidden}});
}

StallMutation BuildSetStallOpen(bool open, std::optional<int64_t> until_ms, int64_t now_ms) {
    Json args = {{"open", open}};
    if (until_ms) {
        if (open) return Refuse(StallInputError::UntilWhileOpen, "args.until_ms");
        if (*until_ms <= now_ms) return Refuse(StallInputError::UntilNotAfterNow, "args.until_ms");
        if (*until_ms - now_ms > MAX_CLOSED_MS) return Refuse(StallInputError::UntilTooFar, "args.until_ms");
        args["until_ms"] = *until_ms;
    }
    return Named("set_stall_open", std::move(args));
}

StallMutation BuildAddProduct(const NewProduct& p) {
    std::string name = Trimmed(p.name);
    if (name.empty() || Utf8Chars(name) > MAX_PRODUCT_NAME_CHARS || HasControl(name))
        return Refuse(StallInputError::BadName, "args.name");
    if (!IsValidId(p.category)) return Refuse(StallInputError::BadCategory, "args.category");
    if (p.unit == BaseUnit::Unknown) return Refuse(StallInputError::BadUnit, "args.unit");
    if (p.steps.empty() || p.steps.size() > MAX_PRODUCT_STEPS) return Refuse(StallInputError::BadSteps, "args.steps");
    Json steps = Json::array();
    for (size_t i = 0; i < p.steps.size(); ++i) {
        const SaleStep& s = p.steps[i];
        std::string path = "args.steps[" + std::to_string(i) + "]";
        std::string label = Trimmed(s.label);
        if (label.empty() || Utf8Chars(label) > MAX_STEP_LABEL_CHARS || HasControl(label))
            return Refuse(StallInputError::BadSteps, path + ".label");
        if (s.qty_milli < 1 || s.qty_milli > MaxQtyMilli(p.unit))
            return Refuse(StallInputError::BadSteps, path + ".qty_milli");
        if (p.unit == BaseUnit::Piece && s.qty_milli % 1000 != 0)
            return Refuse(StallInputError::StepsNotWhole, path + ".qty_milli");
        steps.push_back({{"label", label}, {"qty_milli", s.qty_milli}});
    }
    if (!IsGoodPrice(p.price_rp)) return Refuse(StallInputError::BadPrice, "args.price_rp");
    if (p.availability == Availability::Unknown) return Refuse(StallInputError::BadAvailability, "args.availability");
    std::string piece_name = Trimmed(p.piece_name);
    if (!piece_name.empty() && (p.unit != BaseUnit::Piece || Utf8Chars(piece_name) > MAX_PIECE_NAME_CHARS ||
                                HasControl(piece_name)))
        return Refuse(StallInputError::BadPieceName, "args.piece_name");
    Json args = {{"name", name}, {"category", p.category}, {"unit", BaseUnitName(p.unit)}};
    if (!piece_name.empty()) args["piece_name"] = piece_name;
    args["steps"] = std::move(steps);
    args["price_rp"] = p.price_rp;
    // tersedia is the server's default: left out, so the body is the one older phones sent.
    if (p.availability != Availability::Tersedia) args["availability"] = AvailabilityName(p.availability);
    return Named("add_product", std::move(args));
}

StallMutation BuildAcceptOrder(std::string_view order_id) {
    if (!IsValidOrderId(order_id)) return Refuse(StallInputError::BadOrderId, "args.order_id");
    return Named("set_order_status", {{"order_id", std::string(order_id)}, {"status", "accepted"}});
}

StallMutation BuildMarkReady(std::string_view order_id) {
    if (!IsValidOrderId(order_id)) return Refuse(StallInputError::BadOrderId, "args.order_id");
    return Named("set_order_status", {{"order_id", std::string(order_id)}, {"status", "ready"}});
}

StallMutation BuildRejectOrder(std::string_view order_id, RejectReason reason, std::string_view reason_text) {
    if (!IsValidOrderId(order_id)) return Refuse(StallInputError::BadOrderId, "args.order_id");
    if (reason == RejectReason::Unknown) return Refuse(StallInputError::BadReason, "args.reason_code");
    std::string text = Trimmed(reason_text);
    if (reason == RejectReason::Other && text.empty()) return Refuse(StallInputError::ReasonNeeded, "args.reason");
    if (Utf8Chars(text) > MAX_REASON_CHARS || HasControl(text)) return Refuse(StallInputError::ReasonTooLong, "args.reason");
    Json args = {{"order_id", std::string(order_id)}, {"status", "rejected"}, {"reason_code", RejectReasonName(reason)}};
    if (!text.empty()) args["reason"] = text;
    return Named("set_order_status", std::move(args));
}

StallMutation BuildAdjustOrder(const StallOrder& order, const std::vector<LineAdjustment>& lines) {
    if (!IsValidOrderId(order.order_id)) return Refuse(StallInputError::BadOrderId, "args.order_id");
    if (lines.empty() || lines.size() > MAX_ADJUSTED_LINES) return Refuse(StallInputError::NoLines, "args.lines");
    Json out = Json::array();
    for (size_t i = 0; i < lines.size(); ++i) {
        const LineAdjustment& a = lines[i];
        std::string path = "args.lines[" + std::to_string(i) + "]";
        const StallOrderLine* line = FindStallLine(order, a.line_no);
        if (line == nullptr) return Refuse(StallInputError::UnknownLine, path + ".line_no");
        if (!a.settled_qty_milli && !a.price_rp) return Refuse(StallInputError::NoLines, path);
        Json change = {{"line_no", a.line_no}};
        if (a.settled_qty_milli) {
            const int64_t q = *a.settled_qty_milli;
            const int64_t most = line->weighed ? line->qty_milli * WEIGHED_OVERSHOOT_NUM / WEIGHED_OVERSHOOT_DEN
                                               : line->qty_milli;
            if (q < 0 || q > most) return Refuse(StallInputError::QuantityTooLarge, path + ".settled_qty_milli");
            if (line->unit == BaseUnit::Piece && !line->weighed && line->qty_milli % 1000 == 0 && q % 1000 != 0)
                return Refuse(StallInputError::NotWholePieces, path + ".settled_qty_milli");
            change["settled_qty_milli"] = q;
        }
        if (a.price_rp) {
            if (!line->price_stale) return Refuse(StallInputError::PriceNotAdjustable, path + ".price_rp");
            const int64_t low = std::min(line->quoted_price_rp, line->list_price_rp);
            const int64_t high = std::max(line->quoted_price_rp, line->list_price_rp);
            if (*a.price_rp < low || *a.price_rp > high)
                return Refuse(StallInputError::PriceOutOfRange, path + ".price_rp");
            change["price_rp"] = *a.price_rp;
        }
        out.push_back(std::move(change));
    }
    return Named("set_order_status", {{"order_id", order.order_id}, {"status", "adjusted"}, {"lines", std::move(out)}});
}

UnavailableLineStep StepForUnavailableLine(const StallOrderLine& line) {
    switch (line.substitution) {
        case Substitution::CancelItem: return UnavailableLineStep::SettleZero;
        case Substitution::ContactMe: return UnavailableLineStep::CallBuyerFirst;
        case Substitution::ReplaceSimilar: return UnavailableLineStep::OfferSimilarByPhone;
        case Substitution::Unknown: break;
    }
    return UnavailableLineStep::CallBuyerFirst;  // a choice this build does not know: ask the buyer
}

LineAdjustment LineNotAvailable(const StallOrderLine& line) {
    LineAdjustment a;
    a.line_no = line.line_no;
    a.settled_qty_milli = 0;
    return a;
}

NewMutation MakeStallNewMutation(const StallMutation& mutation, std::string key, int64_t created_at_ms) {
    NewMutation m;
    m.name = mutation.name;
    m.key = std::move(key);
    m.args = mutation.args;
    m.created_at_ms = created_at_ms;
    return m;
}

}  // namespace pasar
