// Sync under trouble: replies lost after the server committed, network cuts, refusals, against a small
// in-test server that follows serve.py's rules (README "Sync wire format"); the reply decoder's error
// paths; the backoff.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "core/sync_protocol.h"

using namespace pasar;

namespace {

// serve.py's push rules, in memory: per-client last id, stored results per id, keys run at most once
// whichever client sends them, a change counter as the cookie.
struct FakeServer {
    std::map<std::string, int64_t> last_id;
    std::map<std::pair<std::string, int64_t>, Json> by_id;  // (client, id) -> stored result
    std::map<std::string, std::pair<Json, Json>> by_key;    // key -> (body, result)
    std::map<std::string, int> runs;                        // key -> times its effect happened
    int64_t cookie = 0;

    SyncHttpReply Push(const std::string& text) {
        Json push = Json::parse(text);
        std::string client = push["client_id"].get<std::string>();
        int64_t last = last_id[client];
        Json results = Json::array();
        const Json& ms = push["mutations"];
        for (const Json& m : ms) {
            int64_t id = m["id"].get<int64_t>();
            if (id <= last) continue;
            if (id != last + 1) {
                Json e = {{"code", "mutation_gap"}, {"message", "send from " + std::to_string(last + 1)},
                          {"field", "mutations"}, {"expected_id", last + 1}};
                return SyncHttpReply{409, Json{{"error", e}}.dump(), -1};
            }
            break;
        }
        for (const Json& m : ms) {
            int64_t id = m["id"].get<int64_t>();
            std::string key = m["key"].get<std::string>();
            if (id <= last) {
                Json stored = by_id[{client, id}];
                if (stored["key"] != key)
                    stored = {{"id", id}, {"key", key}, {"status", "rejected"}, {"code", "id_reuse"}, {"message", "m"}};
                results.push_back(stored);
                continue;
            }
            Json body = {{"name", m["name"]}, {"args", m["args"]}};
            Json result;
            auto seen = by_key.find(key);
            if (seen != by_key.end() && seen->second.first != body) {
                result = {{"status", "rejected"}, {"code", "key_reuse"}, {"message", "m"}, {"field", "key"}};
            } else if (seen != by_key.end()) {
                result = seen->second.second;
            } else {
                ++runs[key];
                ++cookie;
                result = {{"status", "ok"}, {"order_status", "cancelled"}};
                by_key[key] = {body, result};
            }
            result["id"] = id;
            result["key"] = key;
            by_id[{client, id}] = result;
            last = id;
            results.push_back(result);
        }
        last_id[client] = last;
        Json reply = {{"last_mutation_id", last}, {"cookie", cookie}, {"results", results}, {"patch", Json::array()}};
        return SyncHttpReply{200, reply.dump(), -1};
    }
};

// A small deterministic generator, so a failure replays the same way.
struct Lcg {
    uint64_t state;
    uint32_t Next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return uint32_t(state >> 33);
    }
    double Unit() { return (Next() % 1000000) / 1000000.0; }
};

NewMutation Cancel(int n) {
    NewMutation m;
    m.name = "cancel_order";
    m.key = "cancel-" + std::to_string(100000 + n);
    m.args = {{"order_id", "7Q2M5XKZ8H3D"}, {"n", n}};
    m.created_at_ms = 1764401001000 - n * 1000;  // the phone's clock runs backwards: it must not matter
    return m;
}

}  // namespace

TEST_CASE("sync: replies lost after commit, cut connections and refusals: every change runs exactly once") {
    int full = 0;  // appends refused because the outbox was at its cap, over all seeds
    for (uint64_t seed = 1; seed <= 20; ++seed) {
        INFO("seed " << seed);
        Lcg rng{seed};
        FakeServer server;
        OutboxLimits limits;
        limits.max_entries = 12;  // small, so the cap is reached while offline
        limits.max_results = 1000;
        Outbox box = MakeOutbox("phone-" + std::to_string(1000 + seed) + "-abc");
        std::optional<int64_t> cookie;
        std::set<std::string> made;
        int attempt = 0, next = 1;
        for (int round = 0; round < 400 && (next <= 60 || !box.pending.empty()); ++round) {
            for (int k = int(rng.Next() % 4); k > 0 && next <= 60; --k) {
                AppendResult a = AppendMutation(&box, Cancel(next), limits);
                if (a.error == OutboxError::Full) {
                    ++full;
                    break;
                }
                REQUIRE(a.ok());
                made.insert(Cancel(next++).key);
            }
            // The outbox lives in a file: every step goes through the codec, as after a restart.
            Decoded<Outbox> stored = DecodeOutbox(EncodeOutbox(box));
            REQUIRE(stored.ok);
            box = stored.value;
            PushLimits limits_push;
            limits_push.max_mutations = 1 + rng.Next() % 5;
            PushRequest req = BuildPushRequest(box, cookie, limits_push);
            REQUIRE(req.ok);
            uint32_t fate = rng.Next() % 10;
            SyncHttpReply reply;
            if (fate < 2) {
                reply = SyncHttpReply{0, "offline", -1};  // never reached the server
            } else if (fate < 4) {
                server.Push(req.body);  // committed, then the reply was lost
                reply = SyncHttpReply{0, "connection reset", -1};
            } else if (fate < 5) {
                reply = SyncHttpReply{503, R"({"error":{"code":"storage_unavailable","message":"later"}})", 2000};
            } else {
                reply = server.Push(req.body);
            }
            SyncPlan plan = PlanSync(box, req.batch, reply);
            ApplySyncPlan(&box, plan, limits);
            REQUIRE(plan.outcome != SyncOutcome::Refused);
            REQUIRE(plan.outcome != SyncOutcome::NewClient);
            if (plan.outcome == SyncOutcome::Applied) {
                cookie = plan.cookie;
                attempt = 0;
            } else {
                int64_t delay = RetryDelayMs(++attempt, rng.Unit(), plan.retry_after_ms);
                CHECK(delay >= 500);
                CHECK(delay <= MAX_RETRY_DELAY_MS);
            }
        }
        CHECK(next == 61);
        CHECK(box.pending.empty());
        for (const std::string& key : made) {
            INFO(key);
            CHECK(server.runs[key] == 1);
            CHECK(StateOfKey(box, key) == KeyState::Ok);
        }
        CHECK(server.runs.size() == made.size());
    }
    CHECK(full > 0);
}

TEST_CASE("sync: the server lost acknowledged entries: rebase, and each change still runs once") {
    FakeServer server;
    Outbox box = MakeOutbox("phone-0042-original");
    for (int i = 1; i <= 3; ++i) REQUIRE(AppendMutation(&box, Cancel(i)).ok());
    PushRequest req = BuildPushRequest(box, std::nullopt);
    ApplySyncPlan(&box, PlanSync(box, req.batch, server.Push(req.body)));
    REQUIRE(box.pending.empty());
    for (int i = 4; i <= 6; ++i) REQUIRE(AppendMutation(&box, Cancel(i)).ok());
    // Restored from an old backup: the server knows this client up to id 1 and has run keys 1 and 4.
    server.last_id["phone-0042-original"] = 1;
    server.by_key.erase(Cancel(2).key);
    server.by_key.erase(Cancel(3).key);
    server.by_key[Cancel(4).key] = {Json{{"name", "cancel_order"}, {"args", Cancel(4).args}},
                                     Json{{"status", "ok"}, {"order_status", "cancelled"}}};
    server.runs[Cancel(4).key] = 1;
    req = BuildPushRequest(box, std::nullopt);
    SyncPlan gap = PlanSync(box, req.batch, server.Push(req.body));
    REQUIRE(gap.outcome == SyncOutcome::NewClient);
    ApplySyncPlan(&box, gap);
    REQUIRE(RebaseOutbox(&box, "phone-0042-rebased"));
    req = BuildPushRequest(box, std::nullopt);
    SyncPlan plan = PlanSync(box, req.batch, server.Push(req.body));
    REQUIRE(plan.outcome == SyncOutcome::Applied);
    ApplySyncPlan(&box, plan);
    CHECK(box.pending.empty());
    for (int i = 4; i <= 6; ++i) {
        CHECK(server.runs[Cancel(i).key] == 1);
        CHECK(StateOfKey(box, Cancel(i).key) == KeyState::Ok);
    }
}

TEST_CASE("sync: the reply decoder names the first bad field") {
    const Json good = Json::parse(R"({"last_mutation_id":2,"cookie":5,
      "results":[{"id":2,"key":"k-0002-03-tampered","status":"rejected","code":"price_mismatch","message":"m",
                  "field":"args.lines[1].price_rp","catalog_price_rp":40000}],
      "patch":[{"op":"catalog_version","catalog_version":"2026-11-30.2"},
               {"op":"product","product_id":"pasar-tugu.s2.p3","market_id":"pasar-tugu","price_rp":5500,
                "price_date":"2026-11-30","availability":"terbatas"},
               {"op":"order","order_id":"7Q2M5XKZ8H3D","status":"adjusted","reason":null,"needs_confirm":true,
                "subtotal_rp":70700,"delivery_fee_rp":12000,"total_rp":82700,
                "lines":[{"line_no":1,"product_id":"pasar-tugu.s2.p1","qty_milli":1500,"settled_qty_milli":1620,
                          "price_rp":35000,"line_total_rp":56700,"status":"adjusted"}],
                "stalls":[{"stall_id":"pasar-tugu.s2","status":"adjusted","reason":"ayam ditimbang 1,62 kg"}]},
               {"op":"coupon","coupon_id":"future"}]})");
    Decoded<SyncReply> ok = DecodeSyncReply(good.dump());
    REQUIRE(ok.ok);
    CHECK(ok.value.patch[3].op == PatchOp::Unknown);
    CHECK(ok.value.patch[3].op_name == "coupon");
    CHECK(ok.value.patch[2].order.stalls[0].reason == std::string("ayam ditimbang 1,62 kg"));
    CHECK(ok.value.results[0].answer == Json{{"catalog_price_rp", 40000}});
    struct Case {
        void (*change)(Json&);
        const char* error;
    };
    const Case cases[] = {
        {[](Json& d) { d.erase("cookie"); }, "cookie: is required"},
        {[](Json& d) { d["last_mutation_id"] = -1; }, "last_mutation_id: must be >= 0"},
        {[](Json& d) { d["results"] = Json::object(); }, "results: must be an array"},
        {[](Json& d) { d["results"][0]["key"] = "no"; },
         "results[0].key: must be 8 to 100 characters of A-Z, a-z, 0-9, '_', '.', ':' or '-'"},
        {[](Json& d) { d["results"][0]["status"] = "maybe"; }, "results[0].status: must be ok or rejected"},
        {[](Json& d) { d["results"][0].erase("code"); }, "results[0].code: is required"},
        {[](Json& d) { d["patch"][1]["price_rp"] = 0; }, "patch[1].price_rp: must be > 0"},
        {[](Json& d) { d["patch"][1]["price_date"] = "30-11-2026"; }, "patch[1].price_date: must be a date YYYY-MM-DD"},
        {[](Json& d) { d["patch"][2]["order_id"] = "PD-7Q2M"; }, "patch[2].order_id: must be 12 Crockford base32 characters"},
        {[](Json& d) { d["patch"][2]["lines"][0]["qty_milli"] = 0; }, "patch[2].lines[0].qty_milli: must be > 0"},
        {[](Json& d) { d["patch"][2]["lines"][0].erase("settled_qty_milli"); },
         "patch[2].lines[0].settled_qty_milli: is required (null when none)"},
        {[](Json& d) { d["patch"][2]["stalls"][0]["reason"] = 3; }, "patch[2].stalls[0].reason: must be a string or null"},
        {[](Json& d) { d["patch"][2]["total_rp"] = -5; }, "patch[2].total_rp: must be >= 0"},
        {[](Json& d) { d["patch"][0] = Json::parse(R"({"op":"catalog_reset","catalog_version":"v","index_url":"//evil.example/x"})"); },
         "patch[0].index_url: must be a path on this server starting with one '/'"},
        {[](Json& d) { d["patch"][3].erase("op"); }, "patch[3].op: is required"},
    };
    for (const Case& c : cases) {
        Json doc = good;
        c.change(doc);
        Decoded<SyncReply> d = DecodeSyncReply(doc.dump());
        CHECK_FALSE(d.ok);
        CHECK(FormatDecodeError(d.error) == c.error);
    }
    // Tolerant where a newer server says more: unknown states and availabilities, long messages.
    Json newer = good;
    newer["patch"][2]["status"] = "disputed";
    newer["patch"][1]["availability"] = "pre_order";
    newer["results"][0]["message"] = std::string(3000, 'a') + "\n";
    Decoded<SyncReply> d = DecodeSyncReply(newer.dump());
    REQUIRE(d.ok);
    CHECK(d.value.patch[2].order.status == OrderStatus::Unknown);
    CHECK(d.value.patch[1].product.availability == Availability::Unknown);
    CHECK(d.value.results[0].message.size() == MAX_SERVER_MESSAGE_BYTES);
    CHECK(EncodeSyncReply(DecodeSyncReply(EncodeSyncReply(d.value)).value) == EncodeSyncReply(d.value));
    // Error bodies.
    CHECK(FormatDecodeError(DecodeWireError(R"({"error":{"message":"m"}})").error) == "error.code: is required");
    CHECK(FormatDecodeError(DecodeWireError(R"({"error":{"code":"mutation_gap","message":"m","expected_id":0}})").error) ==
          "error.expected_id: must be > 0");
    CHECK(FormatDecodeError(DecodeWireError("Bad Gateway").error) == "document: not valid JSON");
}

TEST_CASE("sync: backoff is jittered, doubles from about a second and stops at a minute") {
    CHECK(RetryDelayMs(0, 0.5) == 0);
    CHECK(RetryDelayMs(-3, 0.5) == 0);
    CHECK(RetryDelayMs(1, 0.0) == 500);
    CHECK(RetryDelayMs(1, 0.999999) == 999);
    CHECK(RetryDelayMs(2, 0.0) == 1000);
    CHECK(RetryDelayMs(3, 0.5) == 3000);
    CHECK(RetryDelayMs(6, 0.0) == 16000);
    CHECK(RetryDelayMs(7, 0.0) == 30000);
    CHECK(RetryDelayMs(7, 0.999999) == 59999);
    CHECK(RetryDelayMs(1000000, 0.5) == 45000);
    CHECK(RetryDelayMs(2147483647, 0.999999) < MAX_RETRY_DELAY_MS);
    // Out-of-range randoms are clamped, never widen the window.
    CHECK(RetryDelayMs(1, -1.0) == 500);
    CHECK(RetryDelayMs(1, 7.0) == 999);
    CHECK(RetryDelayMs(1, std::numeric_limits<double>::quiet_NaN()) == 500);
    // Retry-After raises the delay, still capped at a minute.
    CHECK(RetryDelayMs(1, 0.0, 5000) == 5000);
    CHECK(RetryDelayMs(1, 0.0, 900000) == MAX_RETRY_DELAY_MS);
    CHECK(RetryDelayMs(3, 0.5, 100) == 3000);
    // Jitter spreads phones that failed together: 1,000 phones on their fifth retry.
    Lcg rng{7};
    std::set<int64_t> seen;
    int64_t low = MAX_RETRY_DELAY_MS, high = 0;
    for (int i = 0; i < 1000; ++i) {
        int64_t d = RetryDelayMs(5, rng.Unit());
        seen.insert(d / 100);
        low = std::min(low, d);
        high = std::max(high, d);
    }
    CHECK(low >= 8000);
    CHECK(high < 16000);
    CHECK(seen.size() >= 70);  // spread over (nearly) all 80 tenth-second buckets
}
