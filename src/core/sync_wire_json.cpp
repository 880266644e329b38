// Codecs for what /api/sync answers: the 200 reply and the JSON error body.
//
// Tolerant where a newer server may say more (unknown patch ops, unknown order states and
// availabilities, extra fields, long messages are cut and control characters blanked), strict
// where a wrong value would mislead the phone (ids, keys, money, quantities, dates, a same-origin
// index_url). Strictness never loses data: PlanSync keeps every entry when a reply does not decode.
#include "core/sync_protocol.h"

namespace pasar {

namespace {

const char* const RESULT_FIELDS[] = {"id", "key", "status", "code", "message", "field"};

bool ReadServerText(const Json& v, const std::string& path, const char* key, bool required, std::string* out,
                    DecodeError* error) {
    auto it = v.find(key);
    std::string p = JoinPath(path, key);
    if (it == v.end()) return required ? Fail(error, p, "is required") : true;
    if (!it->is_string()) return Fail(error, p, "must be a string");
    *out = CleanServerText(it->get_ref<const std::string&>());
    return true;
}

// A field that is a string or null (reason), both required to be present.
bool ReadNullableText(const Json& v, const std::string& path, const char* key, std::optional<std::string>* out,
                      DecodeError* error) {
    auto it = v.find(key);
    std::string p = JoinPath(path, key);
    if (it == v.end()) return Fail(error, p, "is required (null when none)");
    if (it->is_null()) {
        out->reset();
        return true;
    }
    if (!it->is_string()) return Fail(error, p, "must be a string or null");
    *out = CleanServerText(it->get_ref<const std::string&>());
    return true;
}

bool ReadStatus(const Json& v, const std::string& path, OrderStatus* out, DecodeError* error) {
    std::string status;
    if (!ReadServerText(v, path, "status", true, &status, error)) return false;
    *out = ParseOrderStatus(status);  // Unknown for a state this build does not know: kept, not fatal
    return true;
}

Json NullableText(const std::optional<std::string>& text) { return text ? Json(*text) : Json(nullptr); }

bool DecodeResult(const Json& v, const std::string& path, MutationResult* r, DecodeError* error) {
    std::string status;
    if (!ExpectObject(v, path, error) || !ReadInt(v, path, "id", 1, MAX_MUTATION_ID, &r->id, error) ||
        !ReadServerText(v, path, "key", true, &r->key, error) ||
        !ReadServerText(v, path, "status", true, &status, error))
        return false;
    if (!IsValidMutationKey(r->key))
        return Fail(error, JoinPath(path, "key"), "must be 8 to 100 characters of A-Z, a-z, 0-9, '_', '.', ':' or '-'");
    if (status == "ok") {
        r->status = ResultStatus::Ok;
    } else if (status == "rejected") {
        r->status = ResultStatus::Rejected;
        if (!ReadServerText(v, path, "code", true, &r->code, error) ||
            !ReadServerText(v, path, "message", true, &r->message, error) ||
            !ReadServerText(v, path, "field", false, &r->field, error))
            return false;
        if (r->code.empty()) return Fail(error, JoinPath(path, "code"), "must not be empty");
    } else {
        return Fail(error, JoinPath(path, "status"), "must be ok or rejected");
    }
    r->answer = Json::object();
    for (auto it = v.begin(); it != v.end(); ++it) {
        bool known = false;
        for (const char* f : RESULT_FIELDS) known = known || it.key() == f;
        if (!known) r->answer[it.key()] = it.value();
    }
    return CheckJsonObjectShape(r->answer, path, MAX_MUTATION_ARGS_DEPTH, MAX_MUTATION_ARGS_BYTES, error);
}

Json EncodeResult(const MutationResult& r) {
    Json j = r.answer.is_object() ? r.answer : Json::object();
    j["id"] = r.id;
    j["key"] = r.key;
    j["status"] = r.status == ResultStatus::Rejected ? "rejected" : "ok";
    if (r.status == ResultStatus::Rejected) {
        j["code"] = r.code;
        j["message"] = r.message;
        if (!r.field.empty()) j["field"] = r.field;
    }
    return j;
}

bool DecodePatchLine(const Json& v, const std::string& path, PatchOrderLine* l, DecodeError* error) {
    if (!ExpectObject(v, path, error) || !ReadInt(v, path, "line_no", 1, 1000, &l->line_no, error) ||
        !ReadString(v, path, "product_id", TextRule::Id, &l->product_id, error) ||
        !ReadInt(v, path, "qty_milli", 1, MAX_QTY_MILLI, &l->qty_milli, error))
        return false;
    auto settled = v.find("settled_qty_milli");
    if (settled == v.end()) return Fail(error, JoinPath(path, "settled_qty_milli"), "is required (null when none)");
    if (settled->is_null()) {
        l->settled_qty_milli.reset();
    } else {
        int64_t q = 0;
        if (!CheckInt(*settled, JoinPath(path, "settled_qty_milli"), 0, 2 * MAX_QTY_MILLI, &q, error)) return false;
        l->settled_qty_milli = q;
    }
    return ReadInt(v, path, "price_rp", 1, MAX_PRICE_RP, &l->price_rp, error) &&
           ReadInt(v, path, "line_total_rp", 0, MAX_SYNC_MONEY_RP, &l->line_total_rp, error) &&
           ReadStatus(v, path, &l->status, error);
}

bool DecodePatchOrder(const Json& v, const std::string& path, PatchOrder* o, DecodeError* error) {
    if (!ReadServerText(v, path, "order_id", true, &o->order_id, error)) return false;
    if (!IsValidOrderId(o->order_id))
        return Fail(error, JoinPath(path, "order_id"), "must be 12 Crockford base32 characters");
    const Json* lines = nullptr;
    const Json* stalls = nullptr;
    if (!ReadStatus(v, path, &o->status, error) || !ReadNullableText(v, path, "reason", &o->reason, error) ||
        !ReadBool(v, path, "needs_confirm", &o->needs_confirm, error) ||
        !ReadInt(v, path, "subtotal_rp", 0, MAX_SYNC_MONEY_RP, &o->subtotal_rp, error) ||
        !ReadInt(v, path, "delivery_fee_rp", 0, MAX_SYNC_MONEY_RP, &o->delivery_fee_rp, error) ||
        !ReadInt(v, path, "total_rp", 0, MAX_SYNC_MONEY_RP, &o->total_rp, error) ||
        !ReadArray(v, path, "lines", &lines, error) || !ReadArray(v, path, "stalls", &stalls, error))
        return false;
    if (lines->size() > 1000) return Fail(error, JoinPath(path, "lines"), "must hold at most 1000 lines");
    if (stalls->size() > 1000) return Fail(error, JoinPath(path, "stalls"), "must hold at most 1000 stalls");
    for (size_t i = 0; i < lines->size(); ++i) {
        PatchOrderLine line;
        if (!DecodePatchLine((*lines)[i], IndexPath(JoinPath(path, "lines"), i), &line, error)) return false;
        o->lines.push_back(std::move(line));
    }
    for (size_t i = 0; i < stalls->size(); ++i) {
        PatchOrderStall stall;
        std::string p = IndexPath(JoinPath(path, "stalls"), i);
        if (!ExpectObject((*stalls)[i], p, error) ||
            !ReadString((*stalls)[i], p, "stall_id", TextRule::Id, &stall.stall_id, error) ||
            !ReadStatus((*stalls)[i], p, &stall.status, error) ||
            !ReadNullableText((*stalls)[i], p, "reason", &stall.reason, error))
            return false;
        o->stalls.push_back(std::move(stall));
    }
    return true;
}

// Same origin only: the phone must never be sent to fetch another site's catalogue.
bool CheckSameOriginPath(const std::string& url, const std::string& path, DecodeError* error) {
    if (url[0] != '/' || url.compare(0, 2, "//") == 0 || url.find('\\') != std::string::npos)
        return Fail(error, path, "must be a path on this server starting with one '/'");
    return true;
}

bool ReadNullableMs(const Json& v, const std::string& path, const char* key, std::optional<int64_t>* out,
                    DecodeError* error) {
    auto it = v.find(key);
    if (it == v.end()) return Fail(error, JoinPath(path, key), "is required (null when none)");
    out->reset();
    if (it->is_null()) return true;
    int64_t ms = 0;
    if (!CheckInt(*it, JoinPath(path, key), 0, MAX_CLOCK_MS, &ms, error)) return false;
    *out = ms;
    return true;
}

bool DecodeOrderAnswer(const Json& v, const std::string& path, PatchOrderAnswer* a, DecodeError* error) {
    const Json* stalls = nullptr;
    if (!ReadServerText(v, path, "order_id", true, &a->order_id, error)) return false;
    if (!IsValidOrderId(a->order_id))
        return Fail(error, JoinPath(path, "order_id"), "must be 12 Crockford base32 characters");
    if (!ReadNullableMs(v, path, "answer_by_ms", &a->answer_by_ms, error) ||
        !ReadBool(v, path, "missed", &a->missed, error) || !ReadArray(v, path, "stalls", &stalls, error))
        return false;
    if (stalls->size() > 1000) return Fail(error, JoinPath(path, "stalls"), "must hold at most 1000 stalls");
    for (size_t i = 0; i < stalls->size(); ++i) {
        PatchOrderAnswerStall s;
        std::string p = IndexPath(JoinPath(path, "stalls"), i);
        const Json& sv = (*stalls)[i];
        if (!ExpectObject(sv, p, error) || !ReadString(sv, p, "stall_id", TextRule::Id, &s.stall_id, error) ||
            !ReadNullableText(sv, p, "reason_code", &s.reason_code, error) ||
            !ReadNullableMs(sv, p, "answer_by_ms", &s.answer_by_ms, error) || !ReadBool(sv, p, "missed", &s.missed, error))
            return false;
        a->stalls.push_back(std::move(s));
    }
    return true;
}

bool DecodePatchEntry(const Json& v, const std::string& path, PatchEntry* e, DecodeError* error) {
    if (!ExpectObject(v, path, error) || !ReadServerText(v, path, "op", true, &e->op_name, error)) return false;
    if (e->op_name == "catalog_version") {
        e->op = PatchOp::CatalogVersion;
        return ReadString(v, path, "catalog_version", TextRule::Text, &e->catalog_version, error);
    }
    if (e->op_name == "catalog_reset") {
        e->op = PatchOp::CatalogReset;
        if (!ReadString(v, path, "catalog_version", TextRule::Text, &e->catalog_version, error) ||
            !ReadString(v, path, "index_url", TextRule::Text, &e->index_url, error))
            return false;
        return CheckSameOriginPath(e->index_url, JoinPath(path, "index_url"), error);
    }
    if (e->op_name == "market_reset") {
        e->op = PatchOp::MarketReset;
        PatchMarketReset& m = e->market_reset;
        if (!ReadString(v, path, "market_id", TextRule::Id, &m.market_id, error) ||
            !ReadString(v, path, "catalog_version", TextRule::Text, &m.catalog_version, error) ||
            !ReadString(v, path, "market_url", TextRule::Text, &m.market_url, error))
            return false;
        return CheckSameOriginPath(m.market_url, JoinPath(path, "market_url"), error);
    }
    if (e->op_name == "order_answer") {
        e->op = PatchOp::OrderAnswer;
        return DecodeOrderAnswer(v, path, &e->order_answer, error);
    }
    if (e->op_name == "account_order") {
        e->op = PatchOp::AccountOrder;
        return DecodeStallOrderJson(v, path, &e->account_order, error);
    }
    if (e->op_name == "product") {
        e->op = PatchOp::Product;
        PatchProduct& p = e->product;
        std::string availability;
        if (!ReadString(v, path, "product_id", TextRule::Id, &p.product_id, error) ||
            !ReadString(v, path, "market_id", TextRule::Id, &p.market_id, error) ||
            !ReadInt(v, path, "price_rp", 1, MAX_PRICE_RP, &p.price_rp, error) ||
            !ReadString(v, path, "price_date", TextRule::Text, &p.price_date, error))
            return false;
        if (!IsValidDate(p.price_date)) return Fail(error, JoinPath(path, "price_date"), "must be a date YYYY-MM-DD");
        if (!ReadServerText(v, path, "availability", true, &availability, error)) return false;
        p.availability = ParseAvailability(availability);
        return true;
    }
    if (e->op_name == "stall") {
        e->op = PatchOp::Stall;
        if (!ReadString(v, path, "stall_id", TextRule::Id, &e->stall.stall_id, error) ||
            !ReadString(v, path, "market_id", TextRule::Id, &e->stall.market_id, error) ||
            !ReadBool(v, path, "open", &e->stall.open, error))
            return false;
        // Both are optional (an older server sends neither) and null when they say nothing.
        auto until = v.find("closed_until_ms");
        if (until != v.end() && !until->is_null()) {
            int64_t ms = 0;
            if (!CheckInt(*until, JoinPath(path, "closed_until_ms"), 0, MAX_CLOCK_MS, &ms, error)) return false;
            e->stall.closed_until_ms = ms;
        }
        auto paused = v.find("paused");
        if (paused != v.end() && !paused->is_null() &&
            !ReadString(v, path, "paused", TextRule::Id, &e->stall.paused, error))
            return false;
        return true;
    }
    if (e->op_name == "order") {
        e->op = PatchOp::Order;
        return DecodePatchOrder(v, path, &e->order, error);
    }
    e->op = PatchOp::Unknown;  // a newer server's op or another role's: kept by name and text
    e->unknown_json = DumpJson(v);
    return true;
}

Json EncodePatchEntry(const PatchEntry& e) {
    Json j = Json::object();
    j["op"] = e.op == PatchOp::Unknown ? e.op_name : PatchOpName(e.op);
    switch (e.op) {
        case PatchOp::CatalogVersion: j["catalog_version"] = e.catalog_version; break;
        case PatchOp::CatalogReset:
            j["catalog_version"] = e.catalog_version;
            j["index_url"] = e.index_url;
            break;
        case PatchOp::Product:
            j["product_id"] = e.product.product_id;
            j["market_id"] = e.product.market_id;
            j["price_rp"] = e.product.price_rp;
            j["price_date"] = e.product.price_date;
            j["availability"] = AvailabilityName(e.product.availability);
            break;
        case PatchOp::Stall:
            j["stall_id"] = e.stall.stall_id;
            j["market_id"] = e.stall.market_id;
            j["open"] = e.stall.open;
            j["closed_until_ms"] = e.stall.closed_until_ms ? Json(*e.stall.closed_until_ms) : Json(nullptr);
            j["paused"] = e.stall.paused.empty() ? Json(nullptr) : Json(e.stall.paused);
            break;
        case PatchOp::Order: {
            const PatchOrder& o = e.order;
            j["order_id"] = o.order_id;
            j["status"] = OrderStatusName(o.status);
            j["reason"] = NullableText(o.reason);
            j["needs_confirm"] = o.needs_confirm;
            j["subtotal_rp"] = o.subtotal_rp;
            j["delivery_fee_rp"] = o.delivery_fee_rp;
            j["total_rp"] = o.total_rp;
            Json lines = Json::array();
            for (const PatchOrderLine& l : o.lines) {
                lines.push_back({{"line_no", l.line_no}, {"product_id", l.product_id}, {"qty_milli", l.qty_milli},
                                 {"settled_qty_milli", l.settled_qty_milli ? Json(*l.settled_qty_milli) : Json(nullptr)},
                                 {"price_rp", l.price_rp}, {"line_total_rp", l.line_total_rp},
                                 {"status", OrderStatusName(l.status)}});
            }
            j["lines"] = std::move(lines);
            Json stalls = Json::array();
            for (const PatchOrderStall& s : o.stalls)
                stalls.push_back({{"stall_id", s.stall_id}, {"status", OrderStatusName(s.status)},
                                  {"reason", NullableText(s.reason)}});
            j["stalls"] = std::move(stalls);
            break;
        }
        case PatchOp::MarketReset:
            j["market_id"] = e.market_reset.market_id;
            j["catalog_version"] = e.market_reset.catalog_version;
            j["market_url"] = e.market_reset.market_url;
            break;
        case PatchOp::OrderAnswer: {
            const PatchOrderAnswer& a = e.order_answer;
            j["order_id"] = a.order_id;
            j["answer_by_ms"] = a.answer_by_ms ? Json(*a.answer_by_ms) : Json(nullptr);
            j["missed"] = a.missed;
            Json stalls = Json::array();
            for (const PatchOrderAnswerStall& s : a.stalls)
                stalls.push_back({{"stall_id", s.stall_id}, {"reason_code", NullableText(s.reason_code)},
                                  {"answer_by_ms", s.answer_by_ms ? Json(*s.answer_by_ms) : Json(nullptr)},
                                  {"missed", s.missed}});
            j["stalls"] = std::move(stalls);
            break;
        }
        case PatchOp::AccountOrder: {
            Json order = EncodeStallOrderJson(e.account_order);
            for (auto it = order.begin(); it != order.end(); ++it) j[it.key()] = it.value();
            break;
        }
        case PatchOp::Unknown: {
            Json kept = Json::parse(e.unknown_json, nullptr, false);
            if (!kept.is_discarded() && kept.is_object()) {
                j = std::move(kept);
                j["op"] = e.op_name;
            }
            break;
        }
    }
    return j;
}

}  // namespace

std::optional<size_t> OrderLineOfField(std::string_view field) {
    constexpr std::string_view PREFIX = "args.lines[";
    if (field.substr(0, PREFIX.size()) != PREFIX) return std::nullopt;
    size_t pos = PREFIX.size();
    size_t line = 0;
    const size_t digits_from = pos;
    while (pos < field.size() && field[pos] >= '0' && field[pos] <= '9' && pos - digits_from < 6)
        line = line * 10 + static_cast<size_t>(field[pos++] - '0');
    if (pos == digits_from || pos >= field.size() || field[pos] != ']') return std::nullopt;
    return line;
}

const char* PatchOpName(PatchOp op) {
    switch (op) {
        case PatchOp::CatalogVersion: return "catalog_version";
        case PatchOp::Product: return "product";
        case PatchOp::Stall: return "stall";
        case PatchOp::CatalogReset: return "catalog_reset";
        case PatchOp::Order: return "order";
        case PatchOp::MarketReset: return "market_reset";
        case PatchOp::OrderAnswer: return "order_answer";
        case PatchOp::AccountOrder: return "account_order";
        case PatchOp::Unknown: break;
    }
    return "unknown";
}

Decoded<SyncReply> DecodeSyncReply(std::string_view body) {
    Decoded<SyncReply> result;
    DecodeError* error = &result.error;
    SyncReply& r = result.value;
    Json doc = ParseJsonText(body, error);
    if (doc.is_discarded() || !ExpectObject(doc, "", error)) return result;
    const Json* results = nullptr;
    const Json* patch = nullptr;
    if (!ReadInt(doc, "", "last_mutation_id", 0, MAX_MUTATION_ID, &r.last_mutation_id, error) ||
        !ReadInt(doc, "", "cookie", 0, MAX_MUTATION_ID, &r.cookie, error) ||
        !ReadArray(doc, "", "results", &results, error) || !ReadArray(doc, "", "patch", &patch, error))
        return result;
    if (results->size() > MAX_PUSH_MUTATIONS) {
        Fail(error, "results", "must hold at most " + std::to_string(MAX_PUSH_MUTATIONS) + " results");
        return result;
    }
    if (patch->size() > MAX_PATCH_ENTRIES) {
        Fail(error, "patch", "must hold at most " + std::to_string(MAX_PATCH_ENTRIES) + " entries");
        return result;
    }
    for (size_t i = 0; i < results->size(); ++i) {
        MutationResult m;
        if (!DecodeResult((*results)[i], IndexPath("results", i), &m, error)) return result;
        r.results.push_back(std::move(m));
    }
    r.patch.reserve(patch->size());
    for (size_t i = 0; i < patch->size(); ++i) {
        PatchEntry e;
        if (!DecodePatchEntry((*patch)[i], IndexPath("patch", i), &e, error)) return result;
        r.patch.push_back(std::move(e));
    }
    result.ok = true;
    return result;
}

std::string EncodeSyncReply(const SyncReply& reply) {
    Json doc = Json::object();
    doc["last_mutation_id"] = reply.last_mutation_id;
    doc["cookie"] = reply.cookie;
    Json results = Json::array();
    for (const MutationResult& r : reply.results) results.push_back(EncodeResult(r));
    doc["results"] = std::move(results);
    Json patch = Json::array();
    for (const PatchEntry& e : reply.patch) patch.push_back(EncodePatchEntry(e));
    doc["patch"] = std::move(patch);
    return DumpJson(doc);
}

Decoded<WireError> DecodeWireError(std::string_view body) {
    Decoded<WireError> result;
    DecodeError* error = &result.error;
    WireError& e = result.value;
    Json doc = ParseJsonText(body, error);
    const Json* inner = nullptr;
    if (doc.is_discarded() || !ExpectObject(doc, "", error) || !ReadObjectField(doc, "", "error", &inner, error) ||
        !ReadServerText(*inner, "error", "code", true, &e.code, error) ||
        !ReadServerText(*inner, "error", "message", true, &e.message, error) ||
        !ReadServerText(*inner, "error", "field", false, &e.field, error) ||
        !ReadOptionalInt(*inner, "error", "expected_id", 1, MAX_MUTATION_ID, &e.expected_id, nullptr, error) ||
        !ReadServerText(*inner, "error", "action", false, &e.action, error))
        return result;
    if (e.code.empty()) {
        Fail(error, "error.code", "must not be empty");
        return result;
    }
    result.ok = true;
    return result;
}

std::string EncodeWireError(const WireError& e) {
    Json inner = Json::object();
    inner["code"] = e.code;
    inner["message"] = e.message;
    if (!e.field.empty()) inner["field"] = e.field;
    if (e.expected_id > 0) inner["expected_id"] = e.expected_id;
    if (!e.action.empty()) inner["action"] = e.action;
    return DumpJson(Json{{"error", std::move(inner)}});
}

}  // namespace pasar
