// The stall's answers: sign-in and PIN change replies, and each queued change's result, as codes with data.
#include "core/stall_wire.h"

namespace pasar {

namespace {

// The inner `error` object of a refusal, or a discarded value.
Json ErrorObject(std::string_view body) {
    DecodeError ignored;
    Json doc = ParseJsonText(body, &ignored);
    if (!doc.is_object()) return Json(Json::value_t::discarded);
    auto it = doc.find("error");
    if (it == doc.end() || !it->is_object()) return Json(Json::value_t::discarded);
    return *it;
}

std::string TextOf(const Json& obj, const char* key) {
    if (!obj.is_object()) return std::string();
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? CleanServerText(it->get_ref<const std::string&>()) : std::string();
}

std::optional<int64_t> IntOf(const Json& obj, const char* key, int64_t lo = 0, int64_t hi = MAX_CLOCK_MS) {
    if (!obj.is_object()) return std::nullopt;
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number_integer()) return std::nullopt;
    const int64_t n = it->get<int64_t>();
    if (n < lo || n > hi) return std::nullopt;
    return n;
}

std::optional<bool> BoolOf(const Json& obj, const char* key) {
    if (!obj.is_object()) return std::nullopt;
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_boolean()) return std::nullopt;
    return it->get<bool>();
}

bool IsRetryStatus(int status) { return status == 0 || status == 408 || status >= 500; }

// What every auth endpoint's refusals share. Returns true when it handled the reply.
bool ReadAuthRefusal(int status, std::string_view body, int64_t now_ms, int64_t retry_after_ms, AuthReply* r) {
    Json error = ErrorObject(body);
    r->code = TextOf(error, "code");
    r->field = TextOf(error, "field");
    r->message = TextOf(error, "message");
    if (IsRetryStatus(status) || (status == 429 && r->code != "account_locked")) {
        r->outcome = AuthOutcome::Retry;
        if (retry_after_ms >= 0) r->retry_at_ms = now_ms + retry_after_ms;
        return true;
    }
    if (status == 429) {
        r->outcome = AuthOutcome::Locked;
        std::optional<int64_t> wait_s = IntOf(error, "retry_after_s", 0, 365 * 24 * 3600);
        int64_t wait_ms = wait_s ? *wait_s * 1000 : (retry_after_ms >= 0 ? retry_after_ms : 0);
        r->retry_at_ms = now_ms + wait_ms;
        const std::string scope = TextOf(error, "lock_scope");
        r->lock_scope = scope == "source" ? LockScope::Source : scope == "strangers" ? LockScope::Strangers
                                                                                  : LockScope::Unknown;
        return true;
    }
    if (r->code == "invalid_credentials" || r->code == "wrong_pin") {
        r->outcome = AuthOutcome::WrongPin;
        r->attempts_left = IntOf(error, "attempts_left", 0, 1000).value_or(-1);
        r->lock_minutes = IntOf(error, "lock_minutes", 0, 24 * 60).value_or(0);
        return true;
    }
    if (status == 401) {
        r->outcome = AuthOutcome::SignInAgain;
        return true;
    }
    if (status == 400) {
        r->outcome = AuthOutcome::InvalidInput;
        return true;
    }
    if (status == 403 && r->code == "forbidden") {
        r->outcome = AuthOutcome::Forbidden;
        return true;
    }
    r->outcome = AuthOutcome::Refused;
    return true;
}

bool DecodeSession(std::string_view body, int64_t now_ms, StallSession* s) {
    DecodeError error;
    Json doc = ParseJsonText(body, &error);
    if (!doc.is_object()) return false;
    std::string role;
    if (!ReadString(doc, "", "token", TextRule::Text, &s->token, &error) ||
        !ReadString(doc, "", "token_type", TextRule::Text, &s->token_type, &error) ||
        !ReadInt(doc, "", "expires_in_s", 1, 366 * 24 * 3600, &s->expires_in_s, &error) ||
        !ReadString(doc, "", "role", TextRule::Id, &role, &error) ||
        !ReadString(doc, "", "market_id", TextRule::Id, &s->market_id, &error) ||
        !ReadBool(doc, "", "device_known", &s->device_known, &error))
        return false;
    if (s->token_type != "Bearer") return false;
    s->role = role == "vendor" ? AccountRole::Vendor : role == "staff" ? AccountRole::Staff : AccountRole::Unknown;
    auto stall = doc.find("stall_id");
    if (stall == doc.end()) return false;
    if (!stall->is_null() && !ReadString(doc, "", "stall_id", TextRule::Id, &s->stall_id, &error)) return false;
    if (s->role == AccountRole::Vendor && s->stall_id.empty()) return false;  // a stall's session names its stall
    s->expires_at_ms = now_ms + s->expires_in_s * 1000;
    return true;
}

}  // namespace

const char* AuthOutcomeName(AuthOutcome outcome) {
    switch (outcome) {
        case AuthOutcome::SignedIn: return "signed_in";
        case AuthOutcome::PinChanged: return "pin_changed";
        case AuthOutcome::WrongPin: return "wrong_pin";
        case AuthOutcome::Locked: return "locked";
        case AuthOutcome::SignInAgain: return "sign_in_again";
        case AuthOutcome::InvalidInput: return "invalid_input";
        case AuthOutcome::Forbidden: return "forbidden";
        case AuthOutcome::Retry: return "retry";
        case AuthOutcome::Refused: return "refused";
        case AuthOutcome::Unknown: break;
    }
    return "unknown";
}

AuthReply ReadLoginReply(int status, std::string_view body, int64_t now_ms, int64_t retry_after_ms) {
    AuthReply r;
    if (status >= 200 && status < 300) {
        r.outcome = DecodeSession(body, now_ms, &r.session) ? AuthOutcome::SignedIn : AuthOutcome::Refused;
        if (r.outcome == AuthOutcome::Refused) r.code = "bad_reply";
        return r;
    }
    ReadAuthRefusal(status, body, now_ms, retry_after_ms, &r);
    return r;
}

AuthReply ReadChangePinReply(int status, std::string_view body, int64_t now_ms, int64_t retry_after_ms) {
    AuthReply r;
    if (status >= 200 && status < 300) {
        DecodeError error;
        Json doc = ParseJsonText(body, &error);
        std::optional<bool> ok = BoolOf(doc, "ok");
        std::optional<int64_t> ended = IntOf(doc, "other_sessions_ended", 0, 1000000);
        if (ok.value_or(false) && ended) {
            r.outcome = AuthOutcome::PinChanged;
            r.other_sessions_ended = *ended;
        } else {
            r.outcome = AuthOutcome::Refused;
            r.code = "bad_reply";
        }
        return r;
    }
    ReadAuthRefusal(status, body, now_ms, retry_after_ms, &r);
    return r;
}

StallResult ReadStallResult(const MutationResult& m) {
    StallResult r;
    r.status = m.status;
    r.code = m.code;
    r.field = m.field;
    const Json& a = m.answer;
    r.product_id = TextOf(a, "product_id");
    r.price_rp = IntOf(a, "price_rp", 1, MAX_PRICE_RP);
    r.current_price_rp = IntOf(a, "current_price_rp", 1, MAX_PRICE_RP);
    r.price_date = TextOf(a, "price_date");
    r.products_confirmed = IntOf(a, "products_confirmed", 0, 1000000);
    r.market_day = TextOf(a, "market_day");
    r.open = BoolOf(a, "open");
    r.until_ms = IntOf(a, "until_ms");
    r.now_ms = IntOf(a, "now_ms");
    r.paused = TextOf(a, "paused");
    r.reopen_by = TextOf(a, "reopen_by");
    r.order_id = TextOf(a, "order_id");
    r.order_status = ParseOrderStatus(TextOf(a, "order_status"));
    r.total_rp = IntOf(a, "total_rp", 0, int64_t(1) << 50);
    return r;
}

}  // namespace pasar
