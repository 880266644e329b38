// libFuzzer target: what /api/sync answers. Every input must decode or fail cleanly; what decodes must
// round-trip (decode -> encode -> decode -> encode gives the same text); and whatever the reply, planning
// and applying it must leave an outbox that still satisfies its own file invariants.
// Built and run by tests/fuzz/run.sh like the other targets.
#include <string>

#include "core/sync_protocol.h"
#include "fuzz_common.h"

using namespace pasar;

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
    std::string_view text = FuzzText(data, size);
    Decoded<SyncReply> reply = DecodeSyncReply(text);
    if (reply.ok) {
        std::string once = EncodeSyncReply(reply.value);
        Decoded<SyncReply> again = DecodeSyncReply(once);
        FUZZ_CHECK(again.ok);
        FUZZ_CHECK(EncodeSyncReply(again.value) == once);
    }
    Decoded<WireError> error = DecodeWireError(text);
    if (error.ok) {
        std::string once = EncodeWireError(error.value);
        Decoded<WireError> again = DecodeWireError(once);
        FUZZ_CHECK(again.ok);
        FUZZ_CHECK(EncodeWireError(again.value) == once);
    }
    static const Outbox base = MakeFuzzOutbox();
    static const std::string base_text = EncodeOutbox(base);
    // 200 decodes a reply, 409 and 400 an error body; the other statuses take the same paths as these.
    for (int status : {200, 409, 400}) {
        Outbox box = base;
        PushRequest req = BuildPushRequest(box, 7, PushLimits{2, MAX_PUSH_BODY_BYTES});
        FUZZ_CHECK(req.ok && req.batch.count == 2);
        SyncPlan plan = PlanSync(box, req.batch, SyncHttpReply{status, std::string(text), -1});
        ApplySyncPlan(&box, plan);
        FUZZ_CHECK(box.pending.size() + req.batch.count >= base.pending.size());  // at most the batch leaves
        if (plan.outcome == SyncOutcome::Retry || plan.outcome == SyncOutcome::SignIn ||
            plan.outcome == SyncOutcome::NewClient)
            FUZZ_CHECK(EncodeOutbox(box) == base_text);  // nothing leaves on these paths
        else
            FUZZ_CHECK(DecodeOutbox(EncodeOutbox(box)).ok);  // what is left still meets the file's invariants
    }
    return 0;
}
