// Outbox: ids, caps, results, the stored file, rebasing. Small limits reach the edges.
#include <catch2/catch.hpp>

#include "core/outbox.h"

using namespace pasar;

namespace {

std::array<uint8_t, 16> Bytes(uint8_t seed) {
    std::array<uint8_t, 16> b{};
    for (size_t i = 0; i < b.size(); ++i) b[i] = uint8_t(seed * 31 + i * 7);
    return b;
}

NewMutation Order(uint8_t seed, int64_t created_at_ms = 1764401001000) {
    NewMutation m;
    m.name = "place_order";
    m.key = MakeMutationKey(Bytes(seed));
    m.args = Json::parse(R"({"order_id":"7Q2M5XKZ8H3D","lines":[{"product_id":"pasar-tugu.s2.p1","qty_milli":1500,
        "note":"potong 8 — tanpa kepala"}],"quoted":{"total_rp":78500}})");
    m.args["seed"] = seed;
    m.created_at_ms = created_at_ms;
    return m;
}

Outbox Filled(int n) {
    Outbox box = MakeOutbox("phone-0001-a1b2c3");
    for (int i = 0; i < n; ++i) REQUIRE(AppendMutation(&box, Order(uint8_t(i + 1))).ok());
    return box;
}

MutationResult Answer(const Mutation& m, ResultStatus status, const char* code = "") {
    MutationResult r;
    r.id = m.id;
    r.key = m.key;
    r.status = status;
    if (status == ResultStatus::Rejected) {
        r.code = code;
        r.message = "Produk ini sudah habis.";
        r.field = "args.lines[0].product_id";
    } else {
        r.answer = {{"order_id", "7Q2M5XKZ8H3D"}, {"order_status", "sent"}, {"total_rp", 78500}};
    }
    return r;
}

}  // namespace

TEST_CASE("outbox: append assigns consecutive ids from 1 and keeps what it was given") {
    Outbox box = MakeOutbox("phone-0001-a1b2c3");
    AppendResult a = AppendMutation(&box, Order(1));
    AppendResult b = AppendMutation(&box, Order(2));
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a.id == 1);
    CHECK(b.id == 2);
    CHECK(box.next_id == 3);
    REQUIRE(box.pending.size() == 2);
    CHECK(box.pending[0].key == MakeMutationKey(Bytes(1)));
    CHECK(box.pending[1].args["seed"] == 2);
    CHECK(FindPending(box, 2) == &box.pending[1]);
    CHECK(FindPending(box, 3) == nullptr);
    CHECK(FindPending(box, 0) == nullptr);
}

TEST_CASE("outbox: made ids and keys follow the wire rules") {
    std::string client = MakeClientId(Bytes(9));
    CHECK(client.size() == 33);
    CHECK(client[0] == 'p');
    CHECK(IsValidClientId(client));
    std::string key = MakeMutationKey(Bytes(9));
    CHECK(key == client.substr(1));
    CHECK(IsValidMutationKey(key));
    CHECK_FALSE(IsValidClientId("short"));
    CHECK_FALSE(IsValidClientId("bad id!x"));
    CHECK_FALSE(IsValidClientId(std::string(65, 'a')));
    CHECK(IsValidMutationKey("k-0002-01:place.ok_"));
    CHECK_FALSE(IsValidMutationKey("k/000201"));
    CHECK_FALSE(IsValidMutationKey(std::string(101, 'a')));
    CHECK(IsValidMutationName("set_order_status"));
    CHECK_FALSE(IsValidMutationName("PlaceOrder"));
    CHECK_FALSE(IsValidMutationName("1order"));
    CHECK_FALSE(IsValidMutationName(""));
}

TEST_CASE("outbox: the cap refuses with a clear error and leaves the outbox as it was") {
    OutboxLimits limits;
    limits.max_entries = 3;
    Outbox box = MakeOutbox("phone-0001-a1b2c3");
    for (uint8_t i = 1; i <= 3; ++i) REQUIRE(AppendMutation(&box, Order(i), limits).ok());
    std::string before = EncodeOutbox(box);
    AppendResult full = AppendMutation(&box, Order(4), limits);
    CHECK(full.error == OutboxError::Full);
    CHECK(full.id == 0);
    CHECK(full.message.find("3 unsent mutations") != std::string::npos);
    CHECK(full.max_entries == 3);  // the UI says "Antrean di HP ini penuh: 3 ..." (tests/app/test_code_words.cpp)
    CHECK(EncodeOutbox(box) == before);
    // Once the server has answered one, there is room again, and the id continues.
    RemoveAnsweredEntries(&box, 1, {Answer(box.pending[0], ResultStatus::Ok)}, limits);
    AppendResult again = AppendMutation(&box, Order(4), limits);
    REQUIRE(again.ok());
    CHECK(again.id == 4);
}

TEST_CASE("outbox: bad entries are refused naming the field") {
    Outbox box = MakeOutbox("phone-0001-a1b2c3");
    NewMutation m = Order(1);
    m.name = "Place Order";
    CHECK(AppendMutation(&box, m).error == OutboxError::BadName);
    m = Order(1);
    m.key = "short";
    CHECK(AppendMutation(&box, m).error == OutboxError::BadKey);
    m = Order(1);
    m.args = Json::array();
    AppendResult r = AppendMutation(&box, m);
    CHECK(r.error == OutboxError::BadArgs);
    CHECK(r.message == "args: must be an object");
    m = Order(1);
    m.args = Json::parse(R"({"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":1}}}}}}}}})");
    r = AppendMutation(&box, m);
    CHECK(r.error == OutboxError::BadArgs);
    CHECK(r.message == "args: must be at most 8 levels deep");
    OutboxLimits small;
    small.max_args_bytes = 40;
    r = AppendMutation(&box, Order(1), small);
    CHECK(r.error == OutboxError::BadArgs);
    CHECK(r.message.rfind("args: must be at most 40 bytes of JSON", 0) == 0);
    m = Order(1, -1);
    CHECK(AppendMutation(&box, m).error == OutboxError::BadClock);
    Outbox nameless;
    CHECK(AppendMutation(&nameless, Order(1)).error == OutboxError::BadClientId);
    box.next_id = MAX_MUTATION_ID + 1;
    CHECK(AppendMutation(&box, Order(1)).error == OutboxError::IdsExhausted);
    CHECK(box.pending.empty());
}

TEST_CASE("outbox: entries leave only for ids the server answered, with their results") {
    Outbox box = Filled(4);
    std::vector<MutationResult> answers = {Answer(box.pending[0], ResultStatus::Ok),
                                           Answer(box.pending[1], ResultStatus::Rejected, "sold_out")};
    RemoveAnsweredEntries(&box, 0, answers);  // nothing acknowledged yet: nothing leaves
    REQUIRE(box.pending.size() == 4);
    box.results.clear();
    RemoveAnsweredEntries(&box, 3, answers);  // 3 acknowledged without a result seen here
    REQUIRE(box.pending.size() == 1);
    CHECK(box.pending[0].id == 4);
    REQUIRE(box.results.size() == 3);
    CHECK(box.results[0].status == ResultStatus::Ok);
    CHECK(box.results[0].name == "place_order");
    CHECK(box.results[1].status == ResultStatus::Rejected);
    CHECK(box.results[1].code == "sold_out");
    CHECK(box.results[2].status == ResultStatus::Acknowledged);
    CHECK(box.results[2].id == 3);
    // The same answer again (a replay) replaces, it does not pile up.
    RemoveAnsweredEntries(&box, 3, answers);
    CHECK(box.results.size() == 3);
}

TEST_CASE("outbox: results keep the newest max_results, oldest dropped first") {
    OutboxLimits limits;
    limits.max_results = 2;
    Outbox box = Filled(5);
    std::vector<MutationResult> answers;
    for (const Mutation& m : box.pending) answers.push_back(Answer(m, ResultStatus::Ok));
    RemoveAnsweredEntries(&box, 5, answers, limits);
    REQUIRE(box.results.size() == 2);
    CHECK(box.results[0].id == 4);
    CHECK(box.results[1].id == 5);
}

TEST_CASE("outbox: the state of a key is honest: pending, then the server's word") {
    Outbox box = Filled(2);
    std::string key = box.pending[0].key;
    CHECK(StateOfKey(box, key) == KeyState::Pending);
    CHECK(StateOfKey(box, "never-sent-key") == KeyState::Unknown);
    MutationResult ok = Answer(box.pending[0], ResultStatus::Ok);
    // The same key sent again with another body is refused key_reuse; the first run still stands.
    MutationResult reuse = Answer(box.pending[1], ResultStatus::Rejected, "key_reuse");
    reuse.key = key;
    RemoveAnsweredEntries(&box, 1, {ok});
    RemoveAnsweredEntries(&box, 2, {reuse});
    const MutationResult* found = nullptr;
    CHECK(StateOfKey(box, key, &found) == KeyState::Ok);
    REQUIRE(found);
    CHECK(found->answer["order_id"] == "7Q2M5XKZ8H3D");
    Outbox other = Filled(1);
    RemoveAnsweredEntries(&other, 1, {Answer(other.pending[0], ResultStatus::Rejected, "sold_out")});
    CHECK(StateOfKey(other, MakeMutationKey(Bytes(1)), &found) == KeyState::Rejected);
    CHECK(found->message == "Produk ini sudah habis.");
}

TEST_CASE("outbox: the file round-trips parse -> print -> parse to the same text") {
    Outbox box = Filled(5);
    RemoveAnsweredEntries(&box, 3, {Answer(box.pending[0], ResultStatus::Ok),
                                    Answer(box.pending[1], ResultStatus::Rejected, "price_mismatch")});
    box.pending[0].args["note"] = "cabai \"keriting\"\n½ kg";  // escapes and UTF-8 survive
    box.pending[0].args["ratio"] = 0.1;                        // a double prints back the same
    std::string text = EncodeOutbox(box);
    Decoded<Outbox> once = DecodeOutbox(text);
    REQUIRE(once.ok);
    CHECK(EncodeOutbox(once.value) == text);
    CHECK(once.value.client_id == "phone-0001-a1b2c3");
    CHECK(once.value.next_id == 6);
    CHECK(once.value.server_last_mutation_id == 0);
    REQUIRE(once.value.pending.size() == 2);
    CHECK(once.value.pending[0].id == 4);
    CHECK(once.value.pending[0].args["note"] == "cabai \"keriting\"\n½ kg");
    REQUIRE(once.value.results.size() == 3);
    CHECK(once.value.results[1].field == "args.lines[0].product_id");
    CHECK(once.value.results[2].status == ResultStatus::Acknowledged);
    Decoded<Outbox> twice = DecodeOutbox(EncodeOutbox(once.value));
    REQUIRE(twice.ok);
    CHECK(EncodeOutbox(twice.value) == text);
    // An empty outbox too.
    Decoded<Outbox> empty = DecodeOutbox(EncodeOutbox(MakeOutbox("phone-0002-zzzz")));
    REQUIRE(empty.ok);
    CHECK(empty.value.next_id == 1);
}

TEST_CASE("outbox: the decoder names the first bad field") {
    Outbox box = Filled(3);
    RemoveAnsweredEntries(&box, 1, {Answer(box.pending[0], ResultStatus::Rejected, "sold_out")});
    const Json good = Json::parse(EncodeOutbox(box));
    REQUIRE(DecodeOutbox(good.dump()).ok);
    struct Case {
        const char* what;
        void (*change)(Json&);
        const char* error;
    };
    const Case cases[] = {
        {"newer file", [](Json& d) { d["format_version"] = 2; }, "format_version: must be 1"},
        {"no client", [](Json& d) { d.erase("client_id"); }, "client_id: is required"},
        {"bad client", [](Json& d) { d["client_id"] = "a b"; },
         "client_id: must be 8 to 64 characters of A-Z, a-z, 0-9, '_' or '-'"},
        {"hole", [](Json& d) { d["pending"][1]["id"] = 4; }, "pending[1].id: must be 3 (ids are consecutive and end at next_id - 1)"},
        {"swapped", [](Json& d) { std::swap(d["pending"][0], d["pending"][1]); },
         "pending[0].id: must be 2 (ids are consecutive and end at next_id - 1)"},
        {"below acknowledged", [](Json& d) { d["server_last_mutation_id"] = 2; },
         "pending: must hold only ids above server_last_mutation_id 2 and below next_id 4"},
        {"ack beyond next", [](Json& d) { d["server_last_mutation_id"] = 9; }, "server_last_mutation_id: must be at most 3"},
        {"args array", [](Json& d) { d["pending"][0]["args"] = Json::array(); }, "pending[0].args: must be an object"},
        {"key", [](Json& d) { d["pending"][1]["key"] = "k"; },
         "pending[1].key: must be 8 to 100 characters of A-Z, a-z, 0-9, '_', '.', ':' or '-'"},
        {"clock", [](Json& d) { d["pending"][1]["created_at_ms"] = -5; }, "pending[1].created_at_ms: must be >= 0"},
        {"clock type", [](Json& d) { d["pending"][0]["created_at_ms"] = 1.5; }, "pending[0].created_at_ms: must be an integer"},
        {"status", [](Json& d) { d["results"][0]["status"] = "maybe"; },
         "results[0].status: must be one of ok, rejected, acknowledged"},
        {"rejected without code", [](Json& d) { d["results"][0].erase("code"); }, "results[0].code: is required"},
        {"ok with code", [](Json& d) { d["results"][0]["status"] = "ok"; }, "results[0].code: is only for status rejected"},
        {"dirty message", [](Json& d) { d["results"][0]["message"] = "a\tb"; },
         "results[0].message: must be at most 1000 bytes without control characters"},
        {"repeat", [](Json& d) { d["results"].push_back(d["results"][0]); }, "results[1]: repeats the result of id 1 and its key"},
        {"no answer", [](Json& d) { d["results"][0].erase("answer"); }, "results[0].answer: is required"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        Json doc = good;
        c.change(doc);
        Decoded<Outbox> d = DecodeOutbox(doc.dump());
        CHECK_FALSE(d.ok);
        CHECK(FormatDecodeError(d.error) == c.error);
    }
    CHECK(FormatDecodeError(DecodeOutbox("{\"format_version\":1,").error) == "document: not valid JSON");
    CHECK(FormatDecodeError(DecodeOutbox("[]").error) == "document: must be an object");
    Json too_many = good;
    too_many["pending"] = Json::array();
    too_many["next_id"] = MAX_OUTBOX_ENTRIES + 2;
    for (size_t i = 0; i <= MAX_OUTBOX_ENTRIES; ++i) {
        Json m = good["pending"][0];
        m["id"] = i + 1;
        too_many["pending"].push_back(m);
    }
    too_many["server_last_mutation_id"] = 0;
    CHECK(FormatDecodeError(DecodeOutbox(too_many.dump()).error) == "pending: must hold at most 200 entries");
}

TEST_CASE("outbox: clocks wrong on the phone never change the order") {
    Outbox box = MakeOutbox("phone-0001-a1b2c3");
    // The phone's clock jumps back a year, then to 0, then far ahead.
    const int64_t clocks[] = {1764401001000, 1732865001000, 0, 4102444800000, 1764401000999};
    for (size_t i = 0; i < 5; ++i) REQUIRE(AppendMutation(&box, Order(uint8_t(i + 1), clocks[i])).ok());
    Decoded<Outbox> d = DecodeOutbox(EncodeOutbox(box));
    REQUIRE(d.ok);
    for (size_t i = 0; i < 5; ++i) {
        CHECK(d.value.pending[i].id == int64_t(i + 1));
        CHECK(d.value.pending[i].created_at_ms == clocks[i]);
        CHECK(d.value.pending[i].key == MakeMutationKey(Bytes(uint8_t(i + 1))));
    }
}

TEST_CASE("outbox: rebasing moves pending entries to a new client id, keys and bodies unchanged") {
    Outbox box = Filled(5);
    RemoveAnsweredEntries(&box, 2, {});
    box.server_last_mutation_id = 2;
    std::vector<std::string> keys;
    for (const Mutation& m : box.pending) keys.push_back(m.key);
    CHECK_FALSE(RebaseOutbox(&box, "bad id"));
    CHECK_FALSE(RebaseOutbox(&box, box.client_id));
    CHECK(box.pending[0].id == 3);
    std::string fresh = MakeClientId(Bytes(77));
    REQUIRE(RebaseOutbox(&box, fresh));
    CHECK(box.client_id == fresh);
    CHECK(box.server_last_mutation_id == 0);
    CHECK(box.next_id == 4);
    REQUIRE(box.pending.size() == 3);
    for (size_t i = 0; i < 3; ++i) {
        CHECK(box.pending[i].id == int64_t(i + 1));
        CHECK(box.pending[i].key == keys[i]);
        CHECK(box.pending[i].args["seed"] == int(i + 3));
    }
    CHECK(DecodeOutbox(EncodeOutbox(box)).ok);
    CHECK(AppendMutation(&box, Order(9)).id == 4);
}
