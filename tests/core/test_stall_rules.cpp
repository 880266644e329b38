// The stall app's rules: today's price as typed, "Yakin?", the answer timer on a fake clock, what each
// queued change looks like, the two-phones price conflict, and the order conflicts the server settles.
#include <catch2/catch.hpp>

#include "core/stall_rules.h"
#include "core/sync_protocol.h"
#include "core/wib.h"

using namespace pasar;

namespace {

const char* const STALL = "pasar-tugu.s1";
const int64_t PLACED_MS = 1795914000000;
const int64_t WINDOW_MS = 15 * 60 * 1000;

StallOrder NewOrder(const char* order_id, int64_t placed_at_ms, int64_t version = 3) {
    StallOrder o;
    o.order_id = order_id;
    o.status = OrderStatus::Sent;
    o.version = version;
    o.placed_at_ms = placed_at_ms;
    StallOrderLine a;
    a.line_no = 1;
    a.product_id = "pasar-tugu.s1.p1";
    a.unit = BaseUnit::Piece;
    a.qty_milli = 2000;
    a.quoted_price_rp = a.price_rp = a.list_price_rp = 2000;
    a.substitution = Substitution::CancelItem;
    a.status = OrderStatus::Sent;
    StallOrderLine b = a;
    b.line_no = 2;
    b.product_id = "pasar-tugu.s1.p4";
    o.lines = {a, b};
    StallOrderPart part;
    part.stall_id = STALL;
    part.status = OrderStatus::Sent;
    part.answer_by_ms = placed_at_ms + WINDOW_MS;
    o.stalls = {part};
    o.answer_by_ms = part.answer_by_ms;
    return o;
}

Outbox BoxWith(std::vector<StallMutation> changes) {
    Outbox box = MakeOutbox("phone-stall-s1-a");
    int n = 0;
    for (const StallMutation& m : changes) {
        REQUIRE(m.ok());
        REQUIRE(AppendMutation(&box, MakeStallNewMutation(m, "k-rule-000" + std::to_string(++n), PLACED_MS)).ok());
    }
    return box;
}

MutationResult Result(const Outbox& box, int64_t id, ResultStatus status, const char* code, Json answer) {
    MutationResult r;
    r.id = id;
    r.key = FindPending(box, id)->key;
    r.status = status;
    r.code = code;
    r.message = status == ResultStatus::Rejected ? "for logs" : "";
    r.answer = std::move(answer);
    return r;
}

}  // namespace

TEST_CASE("stall rules: today's price in every rupiah form a vendor types") {
    const std::pair<const char*, int64_t> forms[] = {
        {"12.500", 12500}, {"12500", 12500}, {"Rp 12,5 rb", 12500}, {"Rp12.500", 12500}, {"Rp. 12.500", 12500},
        {"rp 12500", 12500}, {"12,5rb", 12500}, {"12 ribu", 12000}, {"12rb", 12000}, {"12k", 12000},
        {" 8.000 ", 8000}, {"1,2jt", 1200000}, {"12.500,00", 12500}, {"IDR 12.500", 12500}, {"Rp 45 rb", 45000}};
    for (const auto& [text, rp] : forms) {
        INFO(text);
        PriceInput p = ParseStallPrice(text);
        CHECK(p.ok());
        CHECK(p.price_rp == rp);
    }
    CHECK(ParseStallPrice("").error == PriceInputError::Empty);
    CHECK(ParseStallPrice("   ").error == PriceInputError::Empty);
    CHECK(ParseStallPrice("dua ribu").error == PriceInputError::NotAnAmount);
    CHECK(ParseStallPrice("12.50").error == PriceInputError::NotAnAmount);
    CHECK(ParseStallPrice("-12.500").error == PriceInputError::NotAnAmount);
    CHECK(ParseStallPrice("12,5").error == PriceInputError::NotWholeRupiah);
    CHECK(ParseStallPrice("0").error == PriceInputError::Zero);
    CHECK(ParseStallPrice("Rp 0 rb").error == PriceInputError::Zero);
    CHECK(ParseStallPrice("100.000.001").error == PriceInputError::TooHigh);
    CHECK(ParseStallPrice("100 juta").ok());
    CHECK(ParseStallPrice("99999999999999999999999").error == PriceInputError::TooHigh);
}

TEST_CASE("stall rules: a price more than 30% from the reference asks Yakin?") {
    CHECK(CheckPriceAgainstReference(13000, 10000).check == PriceCheck::Near);
    CHECK(CheckPriceAgainstReference(13000, 10000).percent_away == 30);
    CHECK(CheckPriceAgainstReference(13001, 10000).check == PriceCheck::AskYakin);
    CHECK(CheckPriceAgainstReference(13001, 10000).above);
    CHECK(CheckPriceAgainstReference(7000, 10000).check == PriceCheck::Near);
    PriceCheckResult low = CheckPriceAgainstReference(6999, 10000);
    CHECK(low.check == PriceCheck::AskYakin);
    CHECK_FALSE(low.above);
    CHECK(low.percent_away == 30);  // rounded down, still more than 30 %
    CHECK(CheckPriceAgainstReference(120000, 12000).check == PriceCheck::AskYakin);  // a zero too many
    CHECK(CheckPriceAgainstReference(1200, 12000).percent_away == 90);
    CHECK(CheckPriceAgainstReference(12000, std::nullopt).check == PriceCheck::NoReference);
    CHECK(CheckPriceAgainstReference(12000, 0).check == PriceCheck::NoReference);
    CHECK(CheckPriceAgainstReference(MAX_PRICE_RP, 1).check == PriceCheck::AskYakin);  // no overflow
}

TEST_CASE("stall rules: the answer timer on a fake clock") {
    StallOrder o = NewOrder("8R4N6T2W0Z1C", PLACED_MS);
    AnswerTimer t = AnswerTimerOf(o, STALL, PLACED_MS, false);
    CHECK(t.clock == AnswerClock::Running);
    CHECK(t.left_ms == WINDOW_MS);
    CHECK(t.left_seconds() == 900);
    t = AnswerTimerOf(o, STALL, PLACED_MS + WINDOW_MS - 1, false);
    CHECK(t.clock == AnswerClock::Running);
    CHECK(t.left_ms == 1);
    CHECK(t.left_seconds() == 1);  // rounded up: 0 only at the deadline
    t = AnswerTimerOf(o, STALL, PLACED_MS + WINDOW_MS, false);
    CHECK(t.clock == AnswerClock::Overdue);
    CHECK(t.overdue_ms == 0);
    t = AnswerTimerOf(o, STALL, PLACED_MS + WINDOW_MS + 61000, false);
    CHECK(t.clock == AnswerClock::Overdue);
    CHECK(t.overdue_ms == 61000);
    // The server's missed wins over a phone clock that is behind.
    StallOrder missed = o;
    missed.stalls[0].missed = true;
    CHECK(AnswerTimerOf(missed, STALL, PLACED_MS + 1000, false).clock == AnswerClock::Overdue);
    // Answered offline: queued, the deadline still shows.
    t = AnswerTimerOf(o, STALL, PLACED_MS + 60000, true);
    CHECK(t.clock == AnswerClock::Queued);
    CHECK(t.left_ms == WINDOW_MS - 60000);
    StallOrder accepted = o;
    accepted.stalls[0].status = OrderStatus::Accepted;
    CHECK(AnswerTimerOf(accepted, STALL, PLACED_MS, false).clock == AnswerClock::Answered);
    StallOrder cancelled = o;
    cancelled.status = OrderStatus::Cancelled;
    CHECK(AnswerTimerOf(cancelled, STALL, PLACED_MS, false).clock == AnswerClock::Answered);
    StallOrder old = o;
    old.stalls[0].answer_by_ms.reset();
    CHECK(AnswerTimerOf(old, STALL, PLACED_MS, false).clock == AnswerClock::NoDeadline);
    CHECK(AnswerTimerOf(o, "pasar-tugu.s2", PLACED_MS, false).clock == AnswerClock::Unknown);
}

TEST_CASE("stall rules: incoming orders newest first, the count of new ones, newer versions replace older") {
    std::vector<StallOrder> orders;
    CHECK(ApplyAccountOrder(&orders, NewOrder("8R4N6T2W0Z1C", PLACED_MS)));
    CHECK(ApplyAccountOrder(&orders, NewOrder("3KQ7WZ2M9ND4", PLACED_MS + 5000)));
    StallOrder answered = NewOrder("7Q2M5XKZ8H3D", PLACED_MS + 2000);
    answered.stalls[0].status = OrderStatus::Ready;
    CHECK(ApplyAccountOrder(&orders, answered));
    CHECK(CountAwaitingAnswer(orders, STALL) == 2);
    SortNewestFirst(&orders);
    CHECK(orders[0].order_id == "3KQ7WZ2M9ND4");
    CHECK(orders[1].order_id == "7Q2M5XKZ8H3D");
    CHECK(orders[2].order_id == "8R4N6T2W0Z1C");
    StallOrder accepted = NewOrder("8R4N6T2W0Z1C", PLACED_MS, 5);
    accepted.stalls[0].status = OrderStatus::Accepted;
    CHECK(ApplyAccountOrder(&orders, accepted));
    CHECK(CountAwaitingAnswer(orders, STALL) == 1);
    CHECK_FALSE(ApplyAccountOrder(&orders, NewOrder("8R4N6T2W0Z1C", PLACED_MS, 4)));  // late and older
    CHECK(orders.size() == 3);
    CHECK(CountAwaitingAnswer(orders, "pasar-tugu.s2") == 0);
}

TEST_CASE("stall rules: each queued change shows waiting, sent, refused or conflict") {
    Outbox box = BoxWith({BuildSetPrice("pasar-tugu.s1.p2", 45000, 40000), BuildSetAvailability("pasar-tugu.s1.p4",
                          Availability::Habis), BuildAcceptOrder("8R4N6T2W0Z1C"), BuildSetStallOpen(true, std::nullopt, 0),
                          BuildConfirmPrices()});
    std::vector<StallChange> waiting = ListStallChanges(box);
    REQUIRE(waiting.size() == 5);
    for (const StallChange& c : waiting) CHECK(c.state == ChangeState::WaitingForSignal);
    CHECK(waiting[0].product_id == "pasar-tugu.s1.p2");
    CHECK(waiting[2].order_id == "8R4N6T2W0Z1C");
    CHECK(StateOfChange(box, "k-rule-0001") == ChangeState::WaitingForSignal);
    std::vector<MutationResult> results = {
        Result(box, 1, ResultStatus::Rejected, "price_moved",
               {{"product_id", "pasar-tugu.s1.p2"}, {"current_price_rp", 42000}, {"price_date", "2026-11-29"}}),
        Result(box, 2, ResultStatus::Ok, "", {{"product_id", "pasar-tugu.s1.p4"}, {"availability", "habis"}}),
        Result(box, 3, ResultStatus::Rejected, "invalid_transition", {{"order_status", "cancelled"}}),
        Result(box, 4, ResultStatus::Rejected, "stall_paused", {{"paused", "missed_answers"}, {"reopen_by", "staff"}})};
    RemoveAnsweredEntries(&box, 4, results);
    CHECK(StateOfChange(box, "k-rule-0001") == ChangeState::Conflict);
    CHECK(StateOfChange(box, "k-rule-0002") == ChangeState::Sent);
    CHECK(StateOfChange(box, "k-rule-0003") == ChangeState::Conflict);
    CHECK(StateOfChange(box, "k-rule-0004") == ChangeState::Refused);
    CHECK(StateOfChange(box, "k-rule-0005") == ChangeState::WaitingForSignal);
    CHECK(StateOfChange(box, "k-never-sent") == ChangeState::Unknown);
    std::vector<StallChange> list = ListStallChanges(box);
    REQUIRE(list.size() == 5);
    CHECK(list[0].state == ChangeState::WaitingForSignal);  // what waits comes first
    CHECK(list[0].name == "confirm_prices");
    CHECK(list[1].key == "k-rule-0004");                    // then the answered, newest first
    CHECK(list[1].state == ChangeState::Refused);
    CHECK(list[1].code == "stall_paused");
    CHECK(list[4].product_id == "pasar-tugu.s1.p2");
    CHECK(list[4].name == "set_price");
    CHECK(std::string(ChangeStateName(ChangeState::WaitingForSignal)) == "waiting_for_signal");
}

TEST_CASE("stall rules: two phones, one price: the server's answer stands, the vendor decides") {
    Outbox box = BoxWith({BuildSetPrice("pasar-tugu.s1.p2", 45000, 40000)});
    MutationResult moved = Result(box, 1, ResultStatus::Rejected, "price_moved",
                                  {{"product_id", "pasar-tugu.s1.p2"}, {"current_price_rp", 42000}, {"price_date", "2026-11-29"}});
    std::optional<PriceConflict> c = PriceConflictOf(moved, 45000);
    REQUIRE(c);
    CHECK(c->theirs_price_rp == 42000);
    ConflictResolution mine = ResolvePriceConflict(*c, ConflictChoice::KeepMine);
    REQUIRE(mine.send);
    CHECK(mine.send->name == "set_price");
    CHECK(mine.send->args == Json({{"product_id", "pasar-tugu.s1.p2"}, {"price_rp", 45000}, {"seen_price_rp", 42000}}));
    CHECK(mine.shown_price_rp == 45000);
    ConflictResolution theirs = ResolvePriceConflict(*c, ConflictChoice::TakeTheirs);
    CHECK_FALSE(theirs.send);
    CHECK(theirs.shown_price_rp == 42000);
    c->mine_price_rp = 42000;  // both phones typed the same: nothing to send
    CHECK_FALSE(ResolvePriceConflict(*c, ConflictChoice::KeepMine).send);
    CHECK_FALSE(PriceConflictOf(Result(box, 1, ResultStatus::Ok, "", {{"product_id", "pasar-tugu.s1.p2"}}), 45000));
    CHECK_FALSE(PriceConflictOf(Result(box, 1, ResultStatus::Rejected, "forbidden", Json::object()), 45000));
}

TEST_CASE("stall rules: an order for a product marked habis offline, and the answer the app offers") {
    StallOrder o = NewOrder("8R4N6T2W0Z1C", PLACED_MS);
    OrderNoticeInfo none = NoticeForHabisLines(o, {"pasar-tugu.s1.p9"});
    CHECK(none.notice == OrderNotice::None);
    CHECK(SuggestAnswerForHabis(o, none).error == StallInputError::NoLines);
    OrderNoticeInfo one = NoticeForHabisLines(o, {"pasar-tugu.s1.p4"});
    CHECK(one.notice == OrderNotice::OrderedWhileHabis);
    CHECK(one.line_nos == std::vector<int64_t>{2});
    StallMutation adjust = SuggestAnswerForHabis(o, one);
    REQUIRE(adjust.ok());
    CHECK(adjust.args == Json({{"order_id", "8R4N6T2W0Z1C"}, {"status", "adjusted"},
                               {"lines", {{{"line_no", 2}, {"settled_qty_milli", 0}}}}}));
    OrderNoticeInfo both = NoticeForHabisLines(o, {"pasar-tugu.s1.p4", "pasar-tugu.s1.p1"});
    CHECK(both.line_nos.size() == 2);
    StallMutation reject = SuggestAnswerForHabis(o, both);
    CHECK(reject.args == Json({{"order_id", "8R4N6T2W0Z1C"}, {"status", "rejected"}, {"reason_code", "sold_out"}}));
    StallOrder answered = o;
    for (StallOrderLine& l : answered.lines) l.status = OrderStatus::Accepted;
    CHECK(NoticeForHabisLines(answered, {"pasar-tugu.s1.p4"}).notice == OrderNotice::None);
    CHECK(std::string(OrderNoticeName(OrderNotice::OrderedWhileHabis)) == "ordered_while_habis");
}

TEST_CASE("stall rules: the buyer cancelled an order the vendor accepted offline: the server's answer stands") {
    Outbox box = BoxWith({BuildAcceptOrder("8R4N6T2W0Z1C"), BuildMarkReady("3KQ7WZ2M9ND4"),
                          BuildAdjustOrder(NewOrder("7Q2M5XKZ8H3D", PLACED_MS), {{1, 1000, std::nullopt}}),
                          BuildAcceptOrder("8R4N6T2W0Z1C")});
    OrderNoticeInfo cancelled = NoticeForAnswerResult(
        Result(box, 1, ResultStatus::Rejected, "invalid_transition", {{"order_status", "cancelled"}}));
    CHECK(cancelled.notice == OrderNotice::BuyerCancelledFirst);
    CHECK(cancelled.order_status == OrderStatus::Cancelled);
    OrderNoticeInfo final_state = NoticeForAnswerResult(
        Result(box, 2, ResultStatus::Rejected, "invalid_transition", {{"order_status", "delivered"}}));
    CHECK(final_state.notice == OrderNotice::AlreadyFinal);
    OrderNoticeInfo other = NoticeForAnswerResult(
        Result(box, 3, ResultStatus::Rejected, "invalid_quantity", Json::object()));
    CHECK(other.notice == OrderNotice::AnswerRefused);
    CHECK(other.code == "invalid_quantity");
    CHECK(NoticeForAnswerResult(Result(box, 4, ResultStatus::Ok, "", {{"order_status", "accepted"}})).notice ==
          OrderNotice::None);
    StallOrder o = NewOrder("8R4N6T2W0Z1C", PLACED_MS);
    CHECK_FALSE(BuyerCancelled(o));
    o.status = OrderStatus::Cancelled;
    CHECK(BuyerCancelled(o));
    CHECK(AnswerTimerOf(o, STALL, PLACED_MS, true).clock == AnswerClock::Answered);  // nothing left to answer
}

TEST_CASE("stall rules: closing for today or until a time, in WIB") {
    const int64_t eight_wib = PLACED_MS;  // 2026-11-29 08:00 WIB, the fixtures' test clock
    CHECK(WibFromEpochMs(eight_wib).minute_of_day == 8 * 60);
    const int64_t midnight = NextWibMidnightMs(eight_wib);
    CHECK(midnight == 1795971600000);
    CHECK(WibFromEpochMs(midnight).minute_of_day == 0);
    CHECK(WibFromEpochMs(midnight).day == 30);
    CHECK(NextWibMidnightMs(midnight) == midnight + DAY_MS);  // at midnight: the next one
    CHECK(NextWibMidnightMs(midnight - 1) == midnight);
    CHECK(NextWibTimeMs(eight_wib, 10 * 60 + 15) == 1795922100000);  // 10.15 today
    CHECK(NextWibTimeMs(eight_wib, 7 * 60) == eight_wib - 3600000 + DAY_MS);  // 07.00 has passed: tomorrow
    CHECK(NextWibTimeMs(eight_wib, 8 * 60) == eight_wib + DAY_MS);
    CHECK(NextWibTimeMs(eight_wib, 24 * 60) == -1);
    CHECK(NextWibTimeMs(eight_wib, -1) == -1);
    // Whatever the choice, set_stall_open takes it (after now, within 31 days).
    CHECK(BuildSetStallOpen(false, midnight, eight_wib).ok());
    CHECK(BuildSetStallOpen(false, NextWibTimeMs(eight_wib, 7 * 60), eight_wib).ok());
}

TEST_CASE("stall rules: signing out is refused while anything waits, and says what waits") {
    Outbox empty = BoxWith({});
    CHECK(CheckSignOut(empty).allowed);
    Outbox box = BoxWith({BuildSetPrice("pasar-tugu.s1.p2", 45000, 40000), BuildConfirmPrices(),
                          BuildSetAvailability("pasar-tugu.s1.p4", Availability::Habis),
                          BuildSetStallOpen(false, std::nullopt, 0), BuildAcceptOrder("8R4N6T2W0Z1C")});
    SignOutCheck c = CheckSignOut(box);
    CHECK_FALSE(c.allowed);
    CHECK(c.prices == 2);
    CHECK(c.products == 1);
    CHECK(c.stall == 1);
    CHECK(c.order_answers == 1);
    CHECK(c.other == 0);
    RemoveAnsweredEntries(&box, 5, {});
    CHECK(CheckSignOut(box).allowed);  // everything reached the server

    StallSession s;
    s.token = "tok";
    s.expires_at_ms = PLACED_MS + 43200000;
    CHECK_FALSE(SessionPastExpiry(s, PLACED_MS));
    CHECK(SessionPastExpiry(s, PLACED_MS + 43200000));
    s.token.clear();
    CHECK(SessionPastExpiry(s, PLACED_MS));
}
