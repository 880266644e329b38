// libFuzzer target: what /api/sync answers. Every input must decode or fail cleanly; what decodes must
// round-trip (decode -> encode -> decode -> encode gives the same text); and whatever the reply, planning
// and applying it must leave an outbox that still satisfies its own file invariants.
//   clang++-14 -g -O1 -fsanitize=fuzzer,address -std=c++17 -DJSON_NOEXCEPTION=1 -I src -I <deps> \
//     tests/fuzz/fuzz_sync_reply.cpp src/core/*.cpp -o fuzz_sync_reply
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/sync_protocol.h"

using namespace pasar;

static void Check(bool ok) {
    if (!ok) abort();
}

static Outbox MakeFuzzOutbox() {
    Outbox box = MakeOutbox("phone-0001-a1b2c3");
    box.next_id = 3;
    box.server_last_mutation_id = 2;
    for (int i = 0; i < 4; ++i) {
        NewMutation m;
        m.name = "place_order";
        m.key = "k-0002-0" + std::to_string(3 + i) + "-fuzz";
        m.args = Json::object();
        m.args["n"] = i;
        m.created_at_ms = 1764401001000;
        AppendMutation(&box, m);
    }
    return box;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    Decoded<SyncReply> reply = DecodeSyncReply(text);
    if (reply.ok) {
        std::string once = EncodeSyncReply(reply.value);
        Decoded<SyncReply> again = DecodeSyncReply(once);
        Check(again.ok);
        Check(EncodeSyncReply(again.value) == once);
    }
    Decoded<WireError> error = DecodeWireError(text);
    if (error.ok) {
        std::string once = EncodeWireError(error.value);
        Decoded<WireError> again = DecodeWireError(once);
        Check(again.ok);
        Check(EncodeWireError(again.value) == once);
    }
    static const Outbox base = MakeFuzzOutbox();
    for (int status : {200, 409, 400, 401, 503, 0}) {
        Outbox box = base;
        PushRequest req = BuildPushRequest(box, 7, PushLimits{2, MAX_PUSH_BODY_BYTES});
        Check(req.ok && req.batch.count == 2);
        SyncPlan plan = PlanSync(box, req.batch, SyncHttpReply{status, std::string(text), -1});
        ApplySyncPlan(&box, plan);
        Check(box.pending.size() + req.batch.count >= base.pending.size());  // at most the batch leaves
        if (plan.outcome == SyncOutcome::Retry || plan.outcome == SyncOutcome::SignIn ||
            plan.outcome == SyncOutcome::NewClient)
            Check(EncodeOutbox(box) == EncodeOutbox(base));  // nothing leaves on these paths
        Decoded<Outbox> stored = DecodeOutbox(EncodeOutbox(box));
        Check(stored.ok);
    }
    return 0;
}
