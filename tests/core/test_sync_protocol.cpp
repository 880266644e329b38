// Sync protocol: requests and replies against the shared documents in tests/fixtures/sync/ (the same
// ones tests/server/test_fixtures.py replays against serve.py), the recovery paths, a lost-reply
// loop against a small in-test server that follows serve.py's rules, and the backoff.
#include <catch2/catch.hpp>

#include <map>

#include "core/sync_protocol.h"
#include "fixtures.h"

using namespace pasar;

namespace {

const char* const SYNC_DOCS[] = {"sync/place_order.json", "sync/rejections.json", "sync/errors.json",
                                 "sync/vendor_flow.json", "sync/scoped_patches.json", "sync/stall_day.json"};

// The document with every {"comment", "repeat_step": N} step replaced by step N (its request sent again,
// its response expected again) under the step's own comment.
Json Doc(const char* name) {
    Json doc = pasar_test::ReadFixtureJson(name);
    REQUIRE(doc.is_object());
    REQUIRE(doc["steps"].is_array());
    Json& steps = doc["steps"];
    for (Json& step : steps) {
        if (!step.contains("repeat_step")) continue;
        const size_t from = step["repeat_step"].get<size_t>();
        REQUIRE(from < steps.size());
        REQUIRE_FALSE(steps[from].contains("repeat_step"));
        Json copy = steps[from];
        copy["comment"] = step["comment"];
        step = std::move(copy);
    }
    return doc;
}

// "$any" in an expected body stands for a value the server makes up (a message, today's date).
// A date field gets a real date so the strict date check has something to check.
Json ResolveAny(Json v, const std::string& key = "") {
    if (v.is_string() && v == "$any") return key == "price_date" ? Json("2026-11-30") : Json("x");
    if (v.is_object())
        for (auto it = v.begin(); it != v.end(); ++it) it.value() = ResolveAny(it.value(), it.key());
    if (v.is_array())
        for (Json& e : v) e = ResolveAny(e, key);
    return v;
}

// The outbox a phone holds right before it sends this push: the fixture's mutations, appended in
// order after `first id - 1` earlier ones the server already acknowledged.
Outbox OutboxFor(const Json& push) {
    Outbox box = MakeOutbox(push["client_id"].get<std::string>());
    const Json& ms = push["mutations"];
    int64_t first = ms.empty() ? 1 : ms[0]["id"].get<int64_t>();
    box.next_id = first;
    box.server_last_mutation_id = first - 1;
    for (const Json& m : ms) {
        NewMutation n;
        n.name = m["name"].get<std::string>();
        n.key = m["key"].get<std::string>();
        n.args = m["args"];
        n.created_at_ms = m["created_at_ms"].get<int64_t>();
        AppendResult r = AppendMutation(&box, n);
        REQUIRE(r.ok());
        REQUIRE(r.id == m["id"].get<int64_t>());
    }
    return box;
}

std::optional<int64_t> CookieOf(const Json& push) {
    if (push["cookie"].is_null()) return std::nullopt;
    return push["cookie"].get<int64_t>();
}

SyncHttpReply ReplyOf(const Json& step) {
    SyncHttpReply reply;
    reply.status = step["response"]["status"].get<int>();
    reply.body = ResolveAny(step["response"]["body"]).dump();
    return reply;
}

bool IsBuildablePush(const Json& step) {
    const Json& req = step["request"];
    if (req["path"] != "/api/sync" || !req.contains("body")) return false;
    const Json& b = req["body"];
    return b.is_object() && b["push_version"] == 1 && b["client_id"].is_string() &&
           IsValidClientId(b["client_id"].get<std::string>());
}

NewMutation Simple(int n, int64_t created_at_ms = 1764401001000) {
    NewMutation m;
    m.name = "cancel_order";
    m.key = "key-" + std::to_string(1000000 + n);
    m.args = {{"order_id", "7Q2M5XKZ8H3D"}, {"secret", "0f1e2d3c4b5a69788796a5b4c3d2e1f0"}, {"n", n}};
    m.created_at_ms = created_at_ms;
    return m;
}

Outbox Simples(int n) {
    Outbox box = MakeOutbox("phone-0009-testtest");
    for (int i = 1; i <= n; ++i) REQUIRE(AppendMutation(&box, Simple(i)).ok());
    return box;
}

std::string Reply200(const Outbox& box, const PushBatch& batch, int64_t last, int64_t cookie) {
    Json results = Json::array();
    for (size_t i = 0; i < batch.count; ++i) {
        const Mutation* m = FindPending(box, batch.first_id + int64_t(i));
        results.push_back({{"id", m->id}, {"key", m->key}, {"status", "ok"}, {"order_id", "7Q2M5XKZ8H3D"},
                           {"order_status", "cancelled"}});
    }
    return Json{{"last_mutation_id", last}, {"cookie", cookie}, {"results", results}, {"patch", Json::array()}}.dump();
}

}  // namespace

TEST_CASE("sync: every push in the shared documents is exactly what BuildPushRequest writes") {
    int checked = 0;
    for (const char* name : SYNC_DOCS) {
        Json doc = Doc(name);
        for (const Json& step : doc["steps"]) {
            if (!IsBuildablePush(step)) continue;
            INFO(name << ": " << step["comment"].get<std::string>());
            const Json& push = step["request"]["body"];
            PushRequest req = BuildPushRequest(OutboxFor(push), CookieOf(push));
            REQUIRE(req.ok);
            CHECK(Json::parse(req.body) == push);
            CHECK(req.batch.count == push["mutations"].size());
            ++checked;
        }
    }
    CHECK(checked >= 10);
}

TEST_CASE("sync: every /api/sync answer in the shared documents plans as the protocol says") {
    const std::map<int, SyncOutcome> expected = {{200, SyncOutcome::Applied}, {409, SyncOutcome::NewClient},
                                                 {400, SyncOutcome::Refused}, {415, SyncOutcome::Refused},
                                                 {403, SyncOutcome::Refused}, {401, SyncOutcome::SignIn}};
    int checked = 0;
    for (const char* name : SYNC_DOCS) {
        Json doc = Doc(name);
        for (const Json& step : doc["steps"]) {
            const Json& req = step["request"];
            if (req["path"] != "/api/sync" || !req.contains("body") || !req["body"].is_object()) continue;
            const Json& push = req["body"];
            INFO(name << ": " << step["comment"].get<std::string>());
            Outbox box = MakeOutbox("phone-0001-a1b2c3");
            if (IsBuildablePush(step)) box = OutboxFor(push);
            else if (push["mutations"].is_array() && !push["mutations"].empty()) {
                Json fixed = push;  // a push the server refuses as a whole: the phone-side entries still exist
                fixed["client_id"] = "phone-0001-a1b2c3";
                box = OutboxFor(fixed);
            }
            PushBatch batch;
            batch.first_id = box.pending.empty() ? box.next_id : box.pending.front().id;
            batch.count = box.pending.size();
            SyncHttpReply reply = ReplyOf(step);
            SyncPlan plan = PlanSync(box, batch, reply);
            REQUIRE(expected.count(reply.status));
            CHECK(SyncOutcomeName(plan.outcome) == std::string(SyncOutcomeName(expected.at(reply.status))));
            if (reply.status != 200) CHECK(plan.error.code == step["response"]["body"]["error"]["code"]);
            ++checked;
        }
    }
    CHECK(checked >= 15);
}

TEST_CASE("sync: place_order document: the reply is lost, the phone retries, the order exists once") {
    Json doc = Doc("sync/place_order.json");
    const Json& first = doc["steps"][0];
    const Json& again = doc["steps"][1];
    Outbox box = MakeOutbox("phone-0001-a1b2c3");
    const Json& m = first["request"]["body"]["mutations"][0];
    NewMutation n{m["name"].get<std::string>(), m["key"].get<std::string>(), m["args"],
                  m["created_at_ms"].get<int64_t>()};
    REQUIRE(AppendMutation(&box, n).ok());
    PushRequest req = BuildPushRequest(box, std::nullopt);
    CHECK(Json::parse(req.body) == first["request"]["body"]);
    // The server committed and answered, but the answer never arrived: nothing changes on the phone.
    SyncPlan lost = PlanSync(box, req.batch, SyncHttpReply{0, "Failed to fetch", -1});
    CHECK(lost.outcome == SyncOutcome::Retry);
    ApplySyncPlan(&box, lost);
    REQUIRE(box.pending.size() == 1);
    CHECK(StateOfKey(box, m["key"].get<std::string>()) == KeyState::Pending);
    // The retry is byte for byte the same request; the server answers from its records.
    PushRequest retry = BuildPushRequest(box, std::nullopt);
    CHECK(retry.body == req.body);
    CHECK(Json::parse(retry.body) == again["request"]["body"]);
    SyncPlan plan = PlanSync(box, retry.batch, ReplyOf(again));
    REQUIRE(plan.outcome == SyncOutcome::Applied);
    CHECK_FALSE(plan.push_now());
    ApplySyncPlan(&box, plan);
    CHECK(box.pending.empty());
    CHECK(box.server_last_mutation_id == 1);
    CHECK(box.next_id == 2);
    REQUIRE(plan.cookie);
    CHECK(*plan.cookie == 1);
    const MutationResult* result = nullptr;
    REQUIRE(StateOfKey(box, m["key"].get<std::string>(), &result) == KeyState::Ok);
    CHECK(result->name == "place_order");
    CHECK(result->answer["order_id"] == "7Q2M5XKZ8H3D");
    CHECK(result->answer["total_rp"] == 78500);
    REQUIRE(plan.patch.size() == 2);
    CHECK(plan.patch[0].op == PatchOp::CatalogVersion);
    CHECK(plan.patch[0].catalog_version == "2026-11-29.1");
    const PatchOrder& order = plan.patch[1].order;
    CHECK(plan.patch[1].op == PatchOp::Order);
    CHECK(order.order_id == "7Q2M5XKZ8H3D");
    CHECK(order.status == OrderStatus::Sent);
    CHECK_FALSE(order.reason);
    CHECK(order.total_rp == 78500);
    REQUIRE(order.lines.size() == 2);
    CHECK(order.lines[0].line_total_rp == 52500);
    CHECK_FALSE(order.lines[0].settled_qty_milli);
    CHECK(order.stalls.at(0).stall_id == "pasar-tugu.s2");
    // The pull with the cookie from that reply.
    const Json& pull = doc["steps"][3];
    PushRequest pull_req = BuildPushRequest(box, plan.cookie);
    CHECK(Json::parse(pull_req.body) == pull["request"]["body"]);
    CHECK(pull_req.batch.count == 0);
    SyncPlan pulled = PlanSync(box, pull_req.batch, ReplyOf(pull));
    CHECK(pulled.outcome == SyncOutcome::Applied);
    CHECK(pulled.patch.empty());
    ApplySyncPlan(&box, pulled);
    CHECK(box.results.size() == 1);
}

TEST_CASE("sync: rejections document: one order ok, twelve refusals reported per mutation") {
    Json doc = Doc("sync/rejections.json");
    const Json& step = doc["steps"][0];
    Outbox box = OutboxFor(step["request"]["body"]);
    PushRequest req = BuildPushRequest(box, std::nullopt);
    REQUIRE(req.batch.count == 13);
    SyncPlan plan = PlanSync(box, req.batch, ReplyOf(step));
    REQUIRE(plan.outcome == SyncOutcome::Applied);
    ApplySyncPlan(&box, plan);
    CHECK(box.pending.empty());
    REQUIRE(box.results.size() == 13);
    int rejected = 0;
    for (const MutationResult& r : box.results) rejected += r.status == ResultStatus::Rejected;
    CHECK(rejected == 12);
    CHECK(box.results[2].code == "price_mismatch");
    CHECK(box.results[2].field == "args.lines[1].price_rp");
    CHECK(box.results[2].answer["catalog_price_rp"] == 40000);
    CHECK(box.results[8].answer["server"]["total_rp"] == 14000);
    CHECK(box.results[11].code == "unknown_mutation");
    // Mutation 2 reused mutation 1's key with another body: refused, and the order from 1 still stands.
    CHECK(box.results[1].code == "key_reuse");
    CHECK(StateOfKey(box, "k-0002-01-place-ok") == KeyState::Ok);
    CHECK(StateOfKey(box, "k-0002-04-sold-out") == KeyState::Rejected);
    // The same push again gets the same stored answers: recorded once, not twice.
    SyncPlan replay = PlanSync(OutboxFor(step["request"]["body"]), req.batch, ReplyOf(doc["steps"][1]));
    REQUIRE(replay.outcome == SyncOutcome::Applied);
    ApplySyncPlan(&box, replay);
    CHECK(box.results.size() == 13);
}

TEST_CASE("sync: vendor flow replies decode into patches the app can apply") {
    Json doc = Doc("sync/vendor_flow.json");
    const Json& pull = doc["steps"][6];
    Decoded<SyncReply> delivered = DecodeSyncReply(ResolveAny(pull["response"]["body"]).dump());
    REQUIRE(delivered.ok);
    REQUIRE(delivered.value.patch.size() == 1);
    const PatchOrder& o = delivered.value.patch[0].order;
    CHECK(o.status == OrderStatus::Delivered);
    CHECK(o.total_rp == 82700);
    CHECK(o.lines[0].settled_qty_milli == 1620);
    CHECK(o.lines[0].line_total_rp == 56700);
    CHECK(o.lines[0].status == OrderStatus::Ready);
    const Json& price = doc["steps"][9];
    Decoded<SyncReply> changed = DecodeSyncReply(ResolveAny(price["response"]["body"]).dump());
    REQUIRE(changed.ok);
    REQUIRE(changed.value.patch.size() == 2);
    const PatchProduct& p = changed.value.patch[1].product;
    CHECK(changed.value.patch[1].op == PatchOp::Product);
    CHECK(p.product_id == "pasar-tugu.s2.p3");
    CHECK(p.price_rp == 5500);
    CHECK(p.availability == Availability::Tersedia);
    CHECK(p.price_date == "2026-11-30");
    // The stall closes for the day: the buyer's next pull carries a stall op (skipped as unknown before).
    const Json& closed = doc["steps"][14];
    REQUIRE(closed["comment"].get<std::string>().find("closed stall") != std::string::npos);
    Decoded<SyncReply> stall = DecodeSyncReply(ResolveAny(closed["response"]["body"]).dump());
    REQUIRE(stall.ok);
    REQUIRE(stall.value.patch.size() == 2);
    CHECK(stall.value.patch[1].op == PatchOp::Stall);
    CHECK(stall.value.patch[1].stall.stall_id == "pasar-tugu.s2");
    CHECK(stall.value.patch[1].stall.market_id == "pasar-tugu");
    CHECK_FALSE(stall.value.patch[1].stall.open);
    CHECK(std::string(PatchOpName(PatchOp::Stall)) == "stall");
}

TEST_CASE("sync: scoped patches document: a stall's entries hold only its own lines, a buyer's only its order") {
    Json doc = Doc("sync/scoped_patches.json");
    const Json& steps = doc["steps"];
    // The stall apps' pulls (steps 6 and 7) carry `account_order` entries, decoded into the stall's view
    // of each order (core/stall_orders.h); the buyer's app never receives them.
    const std::map<int, std::string> stall_of_step = {{6, "pasar-tugu.s1"}, {7, "pasar-tugu.s2"}};
    for (const auto& [step, stall_id] : stall_of_step) {
        INFO(steps[step]["comment"].get<std::string>());
        Decoded<SyncReply> reply = DecodeSyncReply(ResolveAny(steps[step]["response"]["body"]).dump());
        REQUIRE(reply.ok);
        REQUIRE_FALSE(reply.value.patch.empty());
        for (const PatchEntry& e : reply.value.patch) {
            CHECK(e.op == PatchOp::AccountOrder);
            CHECK(e.op_name == "account_order");
            const StallOrder& order = e.account_order;
            CHECK(IsValidOrderId(order.order_id));
            REQUIRE_FALSE(order.lines.empty());
            for (const StallOrderLine& line : order.lines) CHECK(line.stall_id == stall_id);
            REQUIRE(order.stalls.size() == 1);
            CHECK(order.stalls[0].stall_id == stall_id);
            CHECK(order.stall_subtotal_rp.has_value());
            if (order.delivery.method == DeliveryMethod::Pickup) {
                REQUIRE(order.buyer);
                CHECK(order.buyer->name);  // name and phone, never the address
                CHECK(order.buyer->phone);
                CHECK_FALSE(order.buyer->address);
                CHECK_FALSE(order.buyer->landmark);
            } else {
                CHECK_FALSE(order.buyer);  // the cooperative's courier delivers: the stall sees no buyer
            }
        }
    }
    // The buyers' pulls (steps 10 and 11): each phone gets its own order only, as the `order` op.
    const std::map<int, std::string> order_of_step = {{10, "3KQ7WZ2M9ND4"}, {11, "7Q2M5XKZ8H3D"}};
    for (const auto& [step, order_id] : order_of_step) {
        Decoded<SyncReply> reply = DecodeSyncReply(ResolveAny(steps[step]["response"]["body"]).dump());
        REQUIRE(reply.ok);
        REQUIRE(reply.value.patch.size() == 1);
        CHECK(reply.value.patch[0].op == PatchOp::Order);
        CHECK(reply.value.patch[0].order.order_id == order_id);
    }
    // A token the server no longer knows: sign in again, and only this app's outbox waits.
    const Json& expired = steps[16];
    SyncHttpReply reply{expired["response"]["status"].get<int>(), ResolveAny(expired["response"]["body"]).dump(), -1};
    Outbox box = MakeOutbox("stall-app-s1-0003");
    PushBatch batch;
    batch.first_id = box.next_id;
    SyncPlan plan = PlanSync(box, batch, reply);
    CHECK(plan.outcome == SyncOutcome::SignIn);
    CHECK(plan.error.action == "sign_in");
}

TEST_CASE("sync: every reply in the shared documents round-trips parse -> print -> parse") {
    int checked = 0;
    for (const char* name : SYNC_DOCS) {
        Json doc = Doc(name);
        for (const Json& step : doc["steps"]) {
            if (step["request"]["path"] != "/api/sync") continue;
            INFO(name << ": " << step["comment"].get<std::string>());
            SyncHttpReply reply = ReplyOf(step);
            if (reply.status == 200) {
                Decoded<SyncReply> once = DecodeSyncReply(reply.body);
                REQUIRE(once.ok);
                std::string text = EncodeSyncReply(once.value);
                CHECK(Json::parse(text) == Json::parse(reply.body));  // nothing lost, nothing added
                Decoded<SyncReply> twice = DecodeSyncReply(text);
                REQUIRE(twice.ok);
                CHECK(EncodeSyncReply(twice.value) == text);
            } else {
                Decoded<WireError> once = DecodeWireError(reply.body);
                REQUIRE(once.ok);
                std::string text = EncodeWireError(once.value);
                CHECK(Json::parse(text) == Json::parse(reply.body));
                CHECK(EncodeWireError(DecodeWireError(text).value) == text);
            }
            ++checked;
        }
    }
    CHECK(checked >= 20);
}

TEST_CASE("sync: a gap below the batch moves the outbox to a new client id, keys go again unchanged") {
    Json doc = Doc("sync/errors.json");
    const Json& step = doc["steps"][0];  // a fresh server is sent id 2: it expects 1
    Outbox box = OutboxFor(step["request"]["body"]);
    REQUIRE(AppendMutation(&box, Simple(7)).ok());
    PushRequest req = BuildPushRequest(box, std::nullopt);
    SyncPlan plan = PlanSync(box, req.batch, ReplyOf(step));
    REQUIRE(plan.outcome == SyncOutcome::NewClient);
    CHECK(plan.push_now());
    CHECK(plan.error.expected_id == 1);
    std::string before = EncodeOutbox(box);
    ApplySyncPlan(&box, plan);  // renumbers nothing, drops nothing
    CHECK(EncodeOutbox(box) == before);
    REQUIRE(RebaseOutbox(&box, MakeClientId({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})));
    PushRequest again = BuildPushRequest(box, std::nullopt);
    Json body = Json::parse(again.body);
    REQUIRE(body["mutations"].size() == 2);
    CHECK(body["mutations"][0]["id"] == 1);
    CHECK(body["mutations"][0]["key"] == step["request"]["body"]["mutations"][0]["key"]);
    CHECK(body["mutations"][0]["args"] == step["request"]["body"]["mutations"][0]["args"]);
    CHECK(body["mutations"][1]["id"] == 2);
    CHECK(body["mutations"][1]["key"] == Simple(7).key);
}

TEST_CASE("sync: a gap above the batch start acknowledges what the server holds, the rest goes again") {
    Outbox box = Simples(5);
    PushRequest req = BuildPushRequest(box, 4);
    std::string body = R"({"error":{"code":"mutation_gap","message":"send from 4","field":"mutations","expected_id":4}})";
    SyncPlan plan = PlanSync(box, req.batch, SyncHttpReply{409, body, -1});
    REQUIRE(plan.outcome == SyncOutcome::Resend);
    ApplySyncPlan(&box, plan);
    REQUIRE(box.pending.size() == 2);
    CHECK(box.pending[0].id == 4);
    CHECK(box.server_last_mutation_id == 3);
    CHECK(StateOfKey(box, Simple(2).key) == KeyState::Acknowledged);
    CHECK(Json::parse(BuildPushRequest(box, 4).body)["mutations"][0]["id"] == 4);
    // Only the batch can leave: entries above it wait to be sent and answered with their results.
    Outbox longer = Simples(5);
    PushRequest two = BuildPushRequest(longer, 4, PushLimits{2, MAX_PUSH_BODY_BYTES});
    body = R"({"error":{"code":"mutation_gap","message":"send from 5","field":"mutations","expected_id":5}})";
    ApplySyncPlan(&longer, PlanSync(longer, two.batch, SyncHttpReply{409, body, -1}));
    REQUIRE(longer.pending.size() == 3);
    CHECK(longer.pending[0].id == 3);
    CHECK(longer.server_last_mutation_id == 2);
    CHECK(longer.next_id == 6);
    // A 409 the phone cannot act on (no expected_id, or one equal to the batch start) keeps everything.
    for (const char* odd : {R"({"error":{"code":"mutation_gap","message":"?"}})",
                            R"({"error":{"code":"mutation_gap","message":"?","expected_id":4}})",
                            R"({"error":{"code":"conflict","message":"?"}})", "<html>409</html>"}) {
        INFO(odd);
        PushRequest r = BuildPushRequest(box, 4);
        SyncPlan p = PlanSync(box, r.batch, SyncHttpReply{409, odd, -1});
        CHECK(p.outcome == SyncOutcome::Retry);
    }
}

TEST_CASE("sync: no network, timeouts, rate limits, storage trouble and 5xx keep every entry") {
    Outbox box = Simples(3);
    std::string before = EncodeOutbox(box);
    struct Case {
        int status;
        const char* body;
        const char* code;
    };
    const Case cases[] = {
        {0, "TypeError: Failed to fetch", "network"},
        {408, "", "http_408"},
        {429, R"({"error":{"code":"rate_limited","message":"slow down"}})", "rate_limited"},
        {500, R"({"error":{"code":"internal_error","message":"bug"}})", "internal_error"},
        {502, "<html><body>Bad Gateway</body></html>", "http_502"},
        {503, R"({"error":{"code":"storage_unavailable","message":"try later"}})", "storage_unavailable"},
        {507, R"({"error":{"code":"storage_full","message":"disk full"}})", "storage_full"},
        {200, "<html>captive portal</html>", ""},
        {200, R"({"last_mutation_id":3,"cookie":1,"results":[],"patch":[]})", ""},
    };
    for (const Case& c : cases) {
        INFO(c.status << " " << c.body);
        PushRequest req = BuildPushRequest(box, std::nullopt);
        SyncPlan plan = PlanSync(box, req.batch, SyncHttpReply{c.status, c.body, 5000});
        CHECK(plan.outcome == SyncOutcome::Retry);
        CHECK(plan.error.code == c.code);
        CHECK(plan.retry_after_ms == 5000);
        CHECK_FALSE(plan.message.empty());
        ApplySyncPlan(&box, plan);
        CHECK(EncodeOutbox(box) == before);
    }
}

TEST_CASE("sync: a 2xx that does not answer the batch keeps everything") {
    Outbox box = Simples(3);
    PushRequest req = BuildPushRequest(box, std::nullopt);
    Json good = Json::parse(Reply200(box, req.batch, 3, 7));
    REQUIRE(PlanSync(box, req.batch, SyncHttpReply{200, good.dump(), -1}).outcome == SyncOutcome::Applied);
    Json wrong_key = good;
    wrong_key["results"][1]["key"] = "someone-elses-key";
    Json wrong_id = good;
    wrong_id["results"][2]["id"] = 9;
    Json short_ack = good;
    short_ack["last_mutation_id"] = 2;
    Json bad_patch = good;
    bad_patch["patch"] = Json::parse(R"([{"op":"catalog_reset","catalog_version":"v2","index_url":"https://evil.example/i.json"}])");
    for (const Json& reply : {wrong_key, wrong_id, short_ack, bad_patch}) {
        INFO(reply.dump());
        SyncPlan plan = PlanSync(box, req.batch, SyncHttpReply{200, reply.dump(), -1});
        CHECK(plan.outcome == SyncOutcome::Retry);
        ApplySyncPlan(&box, plan);
        CHECK(box.pending.size() == 3);
    }
}

TEST_CASE("sync: a push refused as a whole leaves with the server's message, later entries stay") {
    Outbox box = Simples(5);
    PushLimits two;
    two.max_mutations = 2;
    PushRequest req = BuildPushRequest(box, std::nullopt, two);
    REQUIRE(req.batch.count == 2);
    std::string body = R"({"error":{"code":"bad_origin","message":"Origin https://x.example is not this server","field":"Origin"}})";
    SyncPlan plan = PlanSync(box, req.batch, SyncHttpReply{403, body, -1});
    REQUIRE(plan.outcome == SyncOutcome::Refused);
    ApplySyncPlan(&box, plan);
    REQUIRE(box.pending.size() == 3);
    CHECK(box.pending[0].id == 3);
    CHECK(box.server_last_mutation_id == 0);  // the server consumed none of those ids
    const MutationResult* r = nullptr;
    REQUIRE(StateOfKey(box, Simple(1).key, &r) == KeyState::Rejected);
    CHECK(r->code == "bad_origin");
    CHECK(r->message == "Origin https://x.example is not this server");
    CHECK(r->field == "Origin");
    CHECK(r->answer["http_status"] == 403);
    CHECK(DecodeOutbox(EncodeOutbox(box)).ok);
    // 401: sign in first; nothing leaves.
    PushRequest next = BuildPushRequest(box, std::nullopt);
    SyncPlan sign_in = PlanSync(box, next.batch, SyncHttpReply{401, R"({"error":{"code":"unauthorized","message":"m"}})", -1});
    CHECK(sign_in.outcome == SyncOutcome::SignIn);
    ApplySyncPlan(&box, sign_in);
    CHECK(box.pending.size() == 3);
}

TEST_CASE("sync: a push holds at most 100 mutations and 256 KiB, always at least one") {
    Outbox box = MakeOutbox("phone-0009-testtest");
    OutboxLimits roomy;
    roomy.max_entries = 150;
    for (int i = 1; i <= 130; ++i) REQUIRE(AppendMutation(&box, Simple(i), roomy).ok());
    PushRequest req = BuildPushRequest(box, std::nullopt);
    CHECK(req.batch.count == MAX_PUSH_MUTATIONS);
    CHECK(req.batch.first_id == 1);
    CHECK(req.batch.last_id() == 100);
    PushLimits tight;
    tight.max_body_bytes = 700;
    PushRequest small = BuildPushRequest(box, std::nullopt, tight);
    CHECK(small.body.size() <= tight.max_body_bytes);
    CHECK(small.batch.count >= 2);
    PushRequest one_more = BuildPushRequest(box, std::nullopt, PushLimits{100, small.body.size() - 1});
    CHECK(one_more.batch.count == small.batch.count - 1);
    PushRequest tiny = BuildPushRequest(box, std::nullopt, PushLimits{100, 10});
    CHECK(tiny.batch.count == 1);
    // Big orders: 24 KiB each, at most ten in 256 KiB.
    Outbox big = MakeOutbox("phone-0009-testtest");
    for (int i = 1; i <= 15; ++i) {
        NewMutation m = Simple(i);
        m.args["pad"] = std::string(MAX_MUTATION_ARGS_BYTES - 200, 'x');
        REQUIRE(AppendMutation(&big, m).ok());
    }
    PushRequest full = BuildPushRequest(big, std::nullopt);
    CHECK(full.body.size() <= MAX_PUSH_BODY_BYTES);
    CHECK(full.batch.count == 10);
    Outbox nameless;
    CHECK_FALSE(BuildPushRequest(nameless, std::nullopt).ok);
}

TEST_CASE("sync: clocks wrong on the phone do not change what is sent or in which order") {
    Outbox box = MakeOutbox("phone-0009-testtest");
    const int64_t clocks[] = {4102444800000, 0, 1764401001000, 946684800000};
    for (int i = 0; i < 4; ++i) REQUIRE(AppendMutation(&box, Simple(i + 1, clocks[i])).ok());
    Json body = Json::parse(BuildPushRequest(box, std::nullopt).body);
    for (int i = 0; i < 4; ++i) {
        CHECK(body["mutations"][i]["id"] == i + 1);
        CHECK(body["mutations"][i]["created_at_ms"] == clocks[i]);
    }
    PushRequest req = BuildPushRequest(box, std::nullopt);
    SyncPlan plan = PlanSync(box, req.batch, SyncHttpReply{200, Reply200(box, req.batch, 4, 1), -1});
    REQUIRE(plan.outcome == SyncOutcome::Applied);
    ApplySyncPlan(&box, plan);
    CHECK(box.pending.empty());
    for (int i = 0; i < 4; ++i) CHECK(box.results[size_t(i)].id == i + 1);
}

TEST_CASE("sync: ids another tab already used are skipped, never reused") {
    Outbox box = Simples(2);
    PushRequest req = BuildPushRequest(box, std::nullopt);
    SyncPlan plan = PlanSync(box, req.batch, SyncHttpReply{200, Reply200(box, req.batch, 6, 3), -1});
    REQUIRE(plan.outcome == SyncOutcome::Applied);
    ApplySyncPlan(&box, plan);
    CHECK(box.server_last_mutation_id == 6);
    CHECK(box.next_id == 7);
    CHECK(AppendMutation(&box, Simple(3)).id == 7);
}
