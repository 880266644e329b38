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

// Keys and ids as in tests/fixtures/sync/rejections.json, so the seed replies reach the Applied path.
static Outbox MakeFuzzOutbox() {
    Outbox box = MakeOutbox("phone-0002-d4e5f6");
    const char* keys[] = {"k-0002-01-place-ok", "k-0002-01-place-ok", "k-0002-03-tampered-price",
                          "k-0002-04-sold-out"};
    for (const char* key : keys) {
        NewMutation m;
        m.name = "place_order";
        m.key = key;
        m.args = Json::object();
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
    static const std::string base_text = EncodeOutbox(base);
    // 200 decodes a reply, 409 and 400 an error body; the other statuses take the same paths as these.
    for (int status : {200, 409, 400}) {
        Outbox box = base;
        PushRequest req = BuildPushRequest(box, 7, PushLimits{2, MAX_PUSH_BODY_BYTES});
        Check(req.ok && req.batch.count == 2);
        SyncPlan plan = PlanSync(box, req.batch, SyncHttpReply{status, std::string(text), -1});
        ApplySyncPlan(&box, plan);
        Check(box.pending.size() + req.batch.count >= base.pending.size());  // at most the batch leaves
        if (plan.outcome == SyncOutcome::Retry || plan.outcome == SyncOutcome::SignIn ||
            plan.outcome == SyncOutcome::NewClient)
            Check(EncodeOutbox(box) == base_text);  // nothing leaves on these paths
        else
            Check(DecodeOutbox(EncodeOutbox(box)).ok);  // what is left still meets the file's invariants
    }
    return 0;
}
