// The stall app's rules (see stall_rules.h).
#include "core/stall_rules.h"

#include <algorithm>

#include "core/catalog.h"
#include "core/wib.h"

namespace pasar {

PriceInput ParseStallPrice(std::string_view text) {
    PriceInput r;
    MoneyParse m = ParseRupiah(text);
    switch (m.error) {
        case MoneyError::None: break;
        case MoneyError::Empty: r.error = PriceInputError::Empty; return r;
        case MoneyError::NotWholeRupiah: r.error = PriceInputError::NotWholeRupiah; return r;
        case MoneyError::Overflow: r.error = PriceInputError::TooHigh; return r;
        case MoneyError::InvalidCharacter:
        case MoneyError::BadGrouping: r.error = PriceInputError::NotAnAmount; return r;
    }
    if (m.amount_rp < 0) {
        r.error = PriceInputError::NotAnAmount;  // a price is never negative
        return r;
    }
    if (m.amount_rp == 0) {
        r.error = PriceInputError::Zero;
        return r;
    }
    if (m.amount_rp > MAX_PRICE_RP) {
        r.error = PriceInputError::TooHigh;
        return r;
    }
    r.price_rp = m.amount_rp;
    return r;
}

PriceCheckResult CheckPriceAgainstReference(int64_t price_rp, std::optional<int64_t> reference_rp) {
    PriceCheckResult r;
    if (!reference_rp || *reference_rp <= 0 || price_rp <= 0) {
        r.check = PriceCheck::NoReference;
        return r;
    }
    const int64_t ref = *reference_rp;
    const int64_t diff = price_rp > ref ? price_rp - ref : ref - price_rp;  // both <= MAX_PRICE_RP: no overflow
    r.above = price_rp > ref;
    r.percent_away = diff * 100 / ref;
    // "more than 30 %": exactly 30 % away is still near; compare without rounding.
    r.check = diff * 100 > YAKIN_PERCENT * ref ? PriceCheck::AskYakin : PriceCheck::Near;
    return r;
}

namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// 00:00 WIB of the day now_ms falls in, as epoch ms.
int64_t WibDayStartMs(int64_t now_ms) { return FloorDiv(now_ms + WIB_OFFSET_MS, DAY_MS) * DAY_MS - WIB_OFFSET_MS; }

}  // namespace

int64_t NextWibMidnightMs(int64_t now_ms) { return WibDayStartMs(now_ms) + DAY_MS; }

int64_t NextWibTimeMs(int64_t now_ms, int minute_of_day) {
    if (minute_of_day < 0 || minute_of_day >= 24 * 60) return -1;
    const int64_t today = WibDayStartMs(now_ms) + int64_t(minute_of_day) * 60000;
    return today > now_ms ? today : today + DAY_MS;
}

SignOutCheck CheckSignOut(const Outbox& outbox) {
    SignOutCheck c;
    for (const Mutation& m : outbox.pending) {
        if (m.name == "set_price" || m.name == "confirm_prices") ++c.prices;
        else if (m.name == "set_availability" || m.name == "add_product" || m.name == "set_product_hidden") ++c.products;
        else if (m.name == "set_stall_open") ++c.stall;
        else if (m.name == "set_order_status" || m.name == "settle_weight") ++c.order_answers;
        else ++c.other;
    }
    c.allowed = outbox.pending.empty();
    return c;
}

bool SessionPastExpiry(const StallSession& session, int64_t now_ms) {
    return session.token.empty() || now_ms >= session.expires_at_ms;
}

AnswerTimer AnswerTimerOf(const StallOrder& order, std::string_view stall_id, int64_t now_ms, bool answer_queued) {
    AnswerTimer t;
    const StallOrderPart* part = FindStallPart(order, stall_id);
    if (part == nullptr) return t;
    if (part->status != OrderStatus::Sent || order.status == OrderStatus::Cancelled) {
        t.clock = AnswerClock::Answered;
        return t;
    }
    if (!part->answer_by_ms) {
        t.clock = answer_queued ? AnswerClock::Queued : AnswerClock::NoDeadline;
        return t;
    }
    t.answer_by_ms = *part->answer_by_ms;
    if (now_ms < t.answer_by_ms) t.left_ms = t.answer_by_ms - now_ms;
    else t.overdue_ms = now_ms - t.answer_by_ms;
    if (answer_queued) t.clock = AnswerClock::Queued;
    // The server's `missed` wins over this phone's clock, which may be behind.
    else if (part->missed || t.left_ms == 0) t.clock = AnswerClock::Overdue;
    else t.clock = AnswerClock::Running;
    return t;
}

size_t CountAwaitingAnswer(const std::vector<StallOrder>& orders, std::string_view stall_id) {
    size_t n = 0;
    for (const StallOrder& o : orders) {
        const StallOrderPart* part = FindStallPart(o, stall_id);
        if (part && part->status == OrderStatus::Sent && o.status != OrderStatus::Cancelled) ++n;
    }
    return n;
}

void SortNewestFirst(std::vector<StallOrder>* orders) {
    std::stable_sort(orders->begin(), orders->end(), [](const StallOrder& a, const StallOrder& b) {
        if (a.placed_at_ms != b.placed_at_ms) return a.placed_at_ms > b.placed_at_ms;
        return a.order_id > b.order_id;
    });
}

bool ApplyAccountOrder(std::vector<StallOrder>* orders, const StallOrder& incoming) {
    for (StallOrder& o : *orders) {
        if (o.order_id != incoming.order_id) continue;
        if (o.version > incoming.version) return false;  // an older state arriving late
        o = incoming;
        return true;
    }
    orders->push_back(incoming);
    return true;
}

const char* ChangeStateName(ChangeState state) {
    switch (state) {
        case ChangeState::WaitingForSignal: return "waiting_for_signal";
        case ChangeState::Sent: return "sent";
        case ChangeState::Refused: return "refused";
        case ChangeState::Conflict: return "conflict";
        case ChangeState::Unknown: break;
    }
    return "unknown";
}

namespace {

bool IsConflictCode(const MutationResult& r) {
    return r.code == "price_moved" || r.code == "invalid_transition";
}

ChangeState StateOfResult(const MutationResult& r) {
    switch (r.status) {
        case ResultStatus::Ok:
        case ResultStatus::Acknowledged: return ChangeState::Sent;
        case ResultStatus::Rejected: return IsConflictCode(r) ? ChangeState::Conflict : ChangeState::Refused;
        case ResultStatus::Unknown: break;
    }
    return ChangeState::Unknown;
}

std::string ArgText(const Json& args, const char* key) {
    auto it = args.find(key);
    return it != args.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

ChangeState StateOfChange(const Outbox& outbox, std::string_view key) {
    const MutationResult* result = nullptr;
    switch (StateOfKey(outbox, key, &result)) {
        case KeyState::Pending: return ChangeState::WaitingForSignal;
        case KeyState::Ok:
        case KeyState::Acknowledged: return ChangeState::Sent;
        case KeyState::Rejected: return result ? StateOfResult(*result) : ChangeState::Refused;
        case KeyState::Unknown: break;
    }
    return ChangeState::Unknown;
}

std::vector<StallChange> ListStallChanges(const Outbox& outbox) {
    std::vector<StallChange> out;
    for (const Mutation& m : outbox.pending) {
        StallChange c;
        c.id = m.id;
        c.key = m.key;
        c.name = m.name;
        c.product_id = ArgText(m.args, "product_id");
        c.order_id = ArgText(m.args, "order_id");
        c.state = ChangeState::WaitingForSignal;
        out.push_back(std::move(c));
    }
    for (auto it = outbox.results.rbegin(); it != outbox.results.rend(); ++it) {
        StallChange c;
        c.id = it->id;
        c.key = it->key;
        c.name = it->name;
        c.product_id = ArgText(it->answer, "product_id");
        c.order_id = ArgText(it->answer, "order_id");
        c.state = StateOfResult(*it);
        c.code = it->code;
        out.push_back(std::move(c));
    }
    return out;
}

std::optional<PriceConflict> PriceConflictOf(const MutationResult& result, int64_t mine_price_rp) {
    if (result.status != ResultStatus::Rejected || result.code != "price_moved") return std::nullopt;
    StallResult r = ReadStallResult(result);
    if (!r.current_price_rp || r.product_id.empty()) return std::nullopt;
    PriceConflict c;
    c.product_id = r.product_id;
    c.mine_price_rp = mine_price_rp;
    c.theirs_price_rp = *r.current_price_rp;
    c.price_date = r.price_date;
    return c;
}

ConflictResolution ResolvePriceConflict(const PriceConflict& conflict, ConflictChoice choice) {
    ConflictResolution r;
    if (choice == ConflictChoice::TakeTheirs || conflict.mine_price_rp == conflict.theirs_price_rp) {
        r.shown_price_rp = conflict.theirs_price_rp;  // nothing to send: the server already has it
        return r;
    }
    // Mine again, now seen at theirs: the server takes it unless the price moved once more.
    r.send = BuildSetPrice(conflict.product_id, conflict.mine_price_rp, conflict.theirs_price_rp);
    r.shown_price_rp = conflict.mine_price_rp;
    return r;
}

const char* OrderNoticeName(OrderNotice notice) {
    switch (notice) {
        case OrderNotice::None: return "none";
        case OrderNotice::OrderedWhileHabis: return "ordered_while_habis";
        case OrderNotice::BuyerCancelledFirst: return "buyer_cancelled_first";
        case OrderNotice::AlreadyFinal: return "already_final";
        case OrderNotice::StallPaused: return "stall_paused";
        case OrderNotice::AnswerRefused: return "answer_refused";
    }
    return "unknown";
}

OrderNoticeInfo NoticeForHabisLines(const StallOrder& order, const std::vector<std::string>& habis_product_ids) {
    OrderNoticeInfo n;
    n.order_id = order.order_id;
    n.order_status = order.status;
    for (const StallOrderLine& l : order.lines) {
        if (l.status != OrderStatus::Sent) continue;  // already answered: nothing to decide
        if (std::find(habis_product_ids.begin(), habis_product_ids.end(), l.product_id) != habis_product_ids.end())
            n.line_nos.push_back(l.line_no);
    }
    if (!n.line_nos.empty()) n.notice = OrderNotice::OrderedWhileHabis;
    return n;
}

StallMutation SuggestAnswerForHabis(const StallOrder& order, const OrderNoticeInfo& notice) {
    if (notice.notice != OrderNotice::OrderedWhileHabis || notice.line_nos.empty()) {
        StallMutation m;
        m.error = StallInputError::NoLines;
        m.field = "args.lines";
        return m;
    }
    if (notice.line_nos.size() == order.lines.size()) return BuildRejectOrder(order.order_id, RejectReason::SoldOut);
    std::vector<LineAdjustment> lines;
    for (int64_t line_no : notice.line_nos) {
        const StallOrderLine* l = FindStallLine(order, line_no);
        if (l) lines.push_back(LineNotAvailable(*l));
    }
    return BuildAdjustOrder(order, lines);
}

OrderNoticeInfo NoticeForAnswerResult(const MutationResult& result) {
    OrderNoticeInfo n;
    if (result.status != ResultStatus::Rejected) return n;
    StallResult r = ReadStallResult(result);
    n.order_id = r.order_id;
    n.order_status = r.order_status;
    n.code = result.code;
    if (result.code == "invalid_transition" || result.code == "not_adjustable") {
        const OrderStatus s = r.order_status;
        if (s == OrderStatus::Cancelled) n.notice = OrderNotice::BuyerCancelledFirst;
        else if (s == OrderStatus::Rejected || s == OrderStatus::Delivered || s == OrderStatus::PickedUp ||
                 s == OrderStatus::OnTheWay)
            n.notice = OrderNotice::AlreadyFinal;
        else n.notice = OrderNotice::AnswerRefused;  // e.g. a part already ready: the server's state stands
    } else if (result.code == "stall_paused") {
        n.notice = OrderNotice::StallPaused;
    } else {
        n.notice = OrderNotice::AnswerRefused;
    }
    return n;
}

bool BuyerCancelled(const StallOrder& order) { return order.status == OrderStatus::Cancelled; }

}  // namespace pasar
