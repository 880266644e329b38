// The C++ replay of tests/fixtures/sync/stall_day.json (the document tests/server/test_fixtures.py replays
// against serve.py): every request the stall's phone sends is built with the stall app's builders and must
// be the fixture's body (same keys, same values); every answer is read with the stall app's decoders and
// its values asserted. The fixture is the contract between the two sides.
#include <catch2/catch.hpp>

#include <map>

#include "core/stall_rules.h"
#include "core/stall_wire.h"
#include "core/sync_protocol.h"
#include "fixtures.h"

using namespace pasar;

namespace {

const char* const CLIENT_ID = "phone-stall-s1-a";
const char* const STALL = "pasar-tugu.s1";
const char* const ORDER_ID = "8R4N6T2W0Z1C";

// Markers in expected bodies (tests/fixtures/sync/README.md): "$any" is a value the server makes up (a
// message), "$capture:NAME" a value a later request uses as ${NAME}. Each gets a stand-in value here,
// remembered in *captured.
Json ResolveMarkers(Json v, std::map<std::string, std::string>* captured) {
    if (v.is_string()) {
        const std::string s = v.get<std::string>();
        if (s == "$any") return Json("x");
        if (s.rfind("$capture:", 0) == 0) {
            const std::string name = s.substr(9);
            const std::string value = "replay-" + name + "-Zq3vT0kL8mW2nB5xR7yP1sD4";
            (*captured)[name] = value;
            return Json(value);
        }
    }
    if (v.is_object())
        for (auto it = v.begin(); it != v.end(); ++it) it.value() = ResolveMarkers(it.value(), captured);
    if (v.is_array())
        for (Json& e : v) e = ResolveMarkers(e, captured);
    return v;
}

std::string Substitute(std::string text, const std::map<std::string, std::string>& captured) {
    for (const auto& [name, value] : captured) {
        const std::string marker = "${" + name + "}";
        for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker))
            text.replace(at, marker.size(), value);
    }
    return text;
}

const Json& Step(const Json& doc, size_t i) { return doc["steps"][i]; }

// Appends the stall's own change with the fixture's key and clock (the phone makes these from random
// bytes and its clock; the body is what the builder made).
void Queue(Outbox* box, const StallMutation& m, const Json& fixture_mutation) {
    REQUIRE(m.ok());
    NewMutation n = MakeStallNewMutation(m, fixture_mutation["key"].get<std::string>(),
                                         fixture_mutation["created_at_ms"].get<int64_t>());
    AppendResult r = AppendMutation(box, n);
    REQUIRE(r.ok());
    CHECK(r.id == fixture_mutation["id"].get<int64_t>());
}

SyncPlan Answer(const Outbox& box, const PushRequest& req, const Json& step, std::map<std::string, std::string>* cap) {
    SyncHttpReply reply;
    reply.status = step["response"]["status"].get<int>();
    reply.body = ResolveMarkers(step["response"]["body"], cap).dump();
    return PlanSync(box, req.batch, reply);
}

const MutationResult& ResultOf(const Outbox& box, const std::string& key) {
    const MutationResult* r = nullptr;
    StateOfKey(box, key, &r);
    REQUIRE(r != nullptr);
    return *r;
}

}  // namespace

TEST_CASE("stall day: the stall's requests are the fixture's, its answers decode to what the day says") {
    Json doc = pasar_test::ReadFixtureJson("sync/stall_day.json");
    REQUIRE(doc.is_object());
    REQUIRE(doc["steps"].size() == 7);
    std::map<std::string, std::string> captured;
    int64_t now_ms = 1795914000000;  // the fixture's test clock, fixed:1795914000

    // 0. Sign-in with the device key the phone keeps.
    const Json& login_step = Step(doc, 0);
    const Json& login_body = login_step["request"]["body"];
    StallLogin login{login_body["stall_code"].get<std::string>(), login_body["pin"].get<std::string>(),
                     login_body["device_key"].get<std::string>()};
    BuiltBody built = BuildLoginBody(login);
    REQUIRE(built.ok());
    CHECK(Json::parse(built.body) == login_body);
    AuthReply signed_in = ReadLoginReply(login_step["response"]["status"].get<int>(),
                                         ResolveMarkers(login_step["response"]["body"], &captured).dump(), now_ms);
    REQUIRE(signed_in.outcome == AuthOutcome::SignedIn);
    const StallSession& session = signed_in.session;
    CHECK(session.token == captured.at("token"));
    CHECK(session.role == AccountRole::Vendor);
    CHECK(session.stall_id == STALL);
    CHECK(session.market_id == "pasar-tugu");
    CHECK(session.device_known);
    CHECK(session.expires_in_s == 43200);
    CHECK(session.expires_at_ms == now_ms + 43200 * 1000);

    // 1. Harga hari ini sama, a new price, a price typed over a stale one, a new product: one push.
    const Json& push_step = Step(doc, 1);
    const Json& push = push_step["request"]["body"];
    CHECK(Substitute(push_step["request"]["headers"]["Authorization"].get<std::string>(), captured) ==
          "Bearer " + session.token);
    const Json& ms = push["mutations"];
    Outbox box = MakeOutbox(CLIENT_ID);
    Queue(&box, BuildConfirmPrices(), ms[0]);
    Queue(&box, BuildSetPrice("pasar-tugu.s1.p2", ParseStallPrice("42.000").price_rp, 40000), ms[1]);
    Queue(&box, BuildSetPrice("pasar-tugu.s1.p2", ParseStallPrice("Rp 45 rb").price_rp, 40000), ms[2]);
    NewProduct leaves;
    leaves.name = "Daun singkong";
    leaves.category = "sayur";
    leaves.unit = BaseUnit::Piece;
    leaves.piece_name = "ikat";
    leaves.steps = {{"1 ikat", 1000}};
    leaves.price_rp = ParseStallPrice("3000").price_rp;
    Queue(&box, BuildAddProduct(leaves), ms[3]);
    for (const StallChange& c : ListStallChanges(box)) CHECK(c.state == ChangeState::WaitingForSignal);
    PushRequest req = BuildPushRequest(box, std::nullopt);
    REQUIRE(req.ok);
    CHECK(Json::parse(req.body) == push);
    SyncPlan plan = Answer(box, req, push_step, &captured);
    REQUIRE(plan.outcome == SyncOutcome::Applied);
    ApplySyncPlan(&box, plan);
    CHECK(box.pending.empty());
    CHECK(StateOfChange(box, "k-s1-day-confirm") == ChangeState::Sent);
    CHECK(StateOfChange(box, "k-s1-day-price-1") == ChangeState::Sent);
    CHECK(StateOfChange(box, "k-s1-day-price-2") == ChangeState::Conflict);
    CHECK(StateOfChange(box, "k-s1-day-add") == ChangeState::Sent);
    StallResult confirmed = ReadStallResult(ResultOf(box, "k-s1-day-confirm"));
    CHECK(confirmed.products_confirmed == 4);
    CHECK(confirmed.market_day == "2026-11-29");
    StallResult priced = ReadStallResult(ResultOf(box, "k-s1-day-price-1"));
    CHECK(priced.price_rp == 42000);
    // Two phones, one price: the server's 42000 stands, the vendor decides.
    std::optional<PriceConflict> conflict = PriceConflictOf(ResultOf(box, "k-s1-day-price-2"), 45000);
    REQUIRE(conflict);
    CHECK(conflict->product_id == "pasar-tugu.s1.p2");
    CHECK(conflict->theirs_price_rp == 42000);
    CHECK(conflict->mine_price_rp == 45000);
    CHECK(conflict->price_date == "2026-11-29");
    ConflictResolution keep = ResolvePriceConflict(*conflict, ConflictChoice::KeepMine);
    REQUIRE(keep.send);
    CHECK(keep.send->args == Json({{"product_id", "pasar-tugu.s1.p2"}, {"price_rp", 45000}, {"seen_price_rp", 42000}}));
    CHECK(ResolvePriceConflict(*conflict, ConflictChoice::TakeTheirs).shown_price_rp == 42000);
    StallResult added = ReadStallResult(ResultOf(box, "k-s1-day-add"));
    CHECK(added.product_id == "pasar-tugu.s1.n5");
    REQUIRE(plan.cookie == 1);
    REQUIRE(plan.patch.size() == 7);
    CHECK(plan.patch[1].op == PatchOp::MarketReset);
    CHECK(plan.patch[1].market_reset.market_id == "pasar-tugu");
    CHECK(plan.patch[1].market_reset.market_url == "/data/markets/pasar-tugu.json");
    CHECK(plan.patch[1].market_reset.catalog_version == "2026-11-29.2");
    CHECK(plan.patch[2].product.product_id == "pasar-tugu.s1.n5");
    std::optional<int64_t> stall_cookie = plan.cookie;

    // 2. A buyer's phone orders; it, too, learns of the new product by market_reset (data for the app).
    Decoded<SyncReply> buyer = DecodeSyncReply(ResolveMarkers(Step(doc, 2)["response"]["body"], &captured).dump());
    REQUIRE(buyer.ok);
    CHECK(buyer.value.patch[1].op == PatchOp::MarketReset);
    REQUIRE(buyer.value.results.size() == 1);
    const int64_t answer_by_ms = buyer.value.results[0].answer["answer_by_ms"].get<int64_t>();
    CHECK(answer_by_ms == now_ms + 15 * 60 * 1000);  // the market's answer window, 15 minutes

    // 3. The test clock moves past the window.
    now_ms = Step(doc, 3)["response"]["body"]["now_ms"].get<int64_t>();
    CHECK(now_ms == answer_by_ms + 1000);

    // 4. The buyer's pull: order_answer says missed; the buyer may cancel.
    Decoded<SyncReply> missed = DecodeSyncReply(ResolveMarkers(Step(doc, 4)["response"]["body"], &captured).dump());
    REQUIRE(missed.ok);
    REQUIRE(missed.value.patch.size() == 2);
    CHECK(missed.value.patch[0].op == PatchOp::Order);
    REQUIRE(missed.value.patch[1].op == PatchOp::OrderAnswer);
    const PatchOrderAnswer& oa = missed.value.patch[1].order_answer;
    CHECK(oa.order_id == ORDER_ID);
    CHECK(oa.missed);
    CHECK(oa.answer_by_ms == answer_by_ms);
    REQUIRE(oa.stalls.size() == 1);
    CHECK(oa.stalls[0].stall_id == STALL);
    CHECK_FALSE(oa.stalls[0].reason_code);
    CHECK(oa.stalls[0].missed);

    // 5. The stall's pull: its part of the order, the buyer's name and phone (pickup), the deadline, missed.
    const Json& pull_step = Step(doc, 5);
    req = BuildPushRequest(box, stall_cookie);
    REQUIRE(req.ok);
    CHECK(Json::parse(req.body) == pull_step["request"]["body"]);
    plan = Answer(box, req, pull_step, &captured);
    REQUIRE(plan.outcome == SyncOutcome::Applied);
    ApplySyncPlan(&box, plan);
    stall_cookie = plan.cookie;
    REQUIRE(plan.patch.size() == 1);
    REQUIRE(plan.patch[0].op == PatchOp::AccountOrder);
    const StallOrder order = plan.patch[0].account_order;
    CHECK(order.order_id == ORDER_ID);
    CHECK(order.status == OrderStatus::Sent);
    CHECK(order.version == 3);
    CHECK(order.placed_at_ms == 1795914000000);
    CHECK(order.delivery.method == DeliveryMethod::Pickup);
    CHECK(order.delivery.pickup_point == std::optional<std::string>("Kantor koperasi pasar, pintu utara"));
    REQUIRE(order.buyer);
    CHECK(order.buyer->name == std::optional<std::string>("Bu Sari"));
    CHECK(order.buyer->phone == std::optional<std::string>("+6281234567890"));
    CHECK_FALSE(order.buyer->address);  // pickup: name and phone only
    REQUIRE(order.lines.size() == 1);
    const StallOrderLine& line = order.lines[0];
    CHECK(line.name == "Kangkung");
    CHECK(line.unit == BaseUnit::Piece);
    CHECK(line.qty_milli == 2000);
    CHECK_FALSE(line.settled_qty_milli);
    CHECK(line.note == "yang segar");
    CHECK(line.substitution == Substitution::CancelItem);
    CHECK(StepForUnavailableLine(line) == UnavailableLineStep::SettleZero);
    CHECK(order.answer_by_ms == answer_by_ms);
    CHECK(order.missed);
    CHECK(order.stall_subtotal_rp == 4000);
    std::vector<StallOrder> orders;
    CHECK(ApplyAccountOrder(&orders, order));
    CHECK(CountAwaitingAnswer(orders, STALL) == 1);
    // The answer timer on the fixture's clock: 14 minutes left a minute after placing; overdue now.
    AnswerTimer early = AnswerTimerOf(order, STALL, order.placed_at_ms + 60000, false);
    CHECK(early.clock == AnswerClock::Overdue);  // the server already says missed: its word wins
    StallOrder fresh = order;
    fresh.stalls[0].missed = false;
    early = AnswerTimerOf(fresh, STALL, order.placed_at_ms + 60000, false);
    CHECK(early.clock == AnswerClock::Running);
    CHECK(early.left_ms == 14 * 60 * 1000);
    AnswerTimer late = AnswerTimerOf(order, STALL, now_ms, false);
    CHECK(late.clock == AnswerClock::Overdue);
    CHECK(late.overdue_ms == 1000);

    // 6. The vendor had marked Kangkung habis: the app offers to reject with sold_out (the fixture's
    // answer) and closes the stall until 10:15 WIB.
    const Json& close_step = Step(doc, 6);
    const Json& answers = close_step["request"]["body"]["mutations"];
    OrderNoticeInfo habis = NoticeForHabisLines(order, {"pasar-tugu.s1.p1"});
    CHECK(habis.notice == OrderNotice::OrderedWhileHabis);
    CHECK(habis.line_nos == std::vector<int64_t>{1});
    StallMutation reject = SuggestAnswerForHabis(order, habis);
    CHECK(reject.args == BuildRejectOrder(ORDER_ID, RejectReason::SoldOut).args);
    Queue(&box, reject, answers[0]);
    Queue(&box, BuildSetStallOpen(false, 1795922101000, now_ms), answers[1]);
    CHECK(AnswerTimerOf(order, STALL, now_ms, true).clock == AnswerClock::Queued);
    req = BuildPushRequest(box, stall_cookie);
    REQUIRE(req.ok);
    CHECK(Json::parse(req.body) == close_step["request"]["body"]);
    plan = Answer(box, req, close_step, &captured);
    REQUIRE(plan.outcome == SyncOutcome::Applied);
    ApplySyncPlan(&box, plan);
    CHECK(plan.cookie == 4);
    CHECK(StateOfChange(box, "k-s1-day-reject") == ChangeState::Sent);
    StallResult rejected = ReadStallResult(ResultOf(box, "k-s1-day-reject"));
    CHECK(rejected.order_status == OrderStatus::Rejected);
    CHECK(rejected.total_rp == 0);
    StallResult closed = ReadStallResult(ResultOf(box, "k-s1-day-close"));
    CHECK(closed.open == std::optional<bool>(false));
    CHECK(closed.until_ms == 1795922101000);
    REQUIRE(plan.patch.size() == 3);
    CHECK(plan.patch[1].op == PatchOp::Stall);
    CHECK_FALSE(plan.patch[1].stall.open);
    CHECK(plan.patch[1].stall.closed_until_ms == 1795922101000);
    REQUIRE(plan.patch[2].op == PatchOp::AccountOrder);
    const StallOrder& after = plan.patch[2].account_order;
    CHECK(after.status == OrderStatus::Rejected);
    REQUIRE(after.stalls.size() == 1);
    CHECK(after.stalls[0].reject_reason() == RejectReason::SoldOut);
    CHECK_FALSE(after.answer_by_ms);
    CHECK(ApplyAccountOrder(&orders, after));
    CHECK_FALSE(ApplyAccountOrder(&orders, order));  // the older state arriving late changes nothing
    CHECK(orders.size() == 1);
    CHECK(CountAwaitingAnswer(orders, STALL) == 0);
    CHECK(AnswerTimerOf(orders[0], STALL, now_ms, false).clock == AnswerClock::Answered);
    // The list: nothing waits, every change reached the server, the price conflict shows.
    size_t conflicts = 0;
    for (const StallChange& c : ListStallChanges(box)) {
        CHECK(c.state != ChangeState::WaitingForSignal);
        if (c.state == ChangeState::Conflict) {
            ++conflicts;
            CHECK(c.code == "price_moved");
            CHECK(c.product_id == "pasar-tugu.s1.p2");
        }
    }
    CHECK(conflicts == 1);
}

TEST_CASE("stall day: the stall's changes in vendor_flow.json are what the stall app's builders make") {
    Json doc = pasar_test::ReadFixtureJson("sync/vendor_flow.json");
    REQUIRE(doc.is_object());
    const Json& steps = doc["steps"];
    auto args_of = [&](size_t step) -> const Json& { return steps[step]["request"]["body"]["mutations"][0]["args"]; };
    // The stall weighs the chicken (line 1, 1.5 kg ordered) at 1.62 kg: within 1.5x, an adjustment.
    StallOrder view;
    view.order_id = "7Q2M5XKZ8H3D";
    StallOrderLine chicken;
    chicken.line_no = 1;
    chicken.unit = BaseUnit::Kg;
    chicken.weighed = true;
    chicken.qty_milli = 1500;
    view.lines = {chicken};
    StallMutation weighed = BuildAdjustOrder(view, {{1, 1620, std::nullopt}});
    REQUIRE(weighed.ok());
    CHECK(weighed.name == steps[2]["request"]["body"]["mutations"][0]["name"]);
    CHECK(weighed.args == args_of(2));
    CHECK(BuildMarkReady("7Q2M5XKZ8H3D").args == args_of(3));
    CHECK(BuildSetPrice("pasar-tugu.s2.p3", ParseStallPrice("5.500").price_rp, std::nullopt).args == args_of(8));
    CHECK(BuildSetAvailability("pasar-tugu.s2.p3", Availability::Habis).args == args_of(11));
    CHECK(BuildSetStallOpen(false, std::nullopt, 0).args == args_of(13));
}
