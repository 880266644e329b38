// libFuzzer target: the stored outbox file. Every input must decode or fail cleanly; what decodes must
// round-trip (decode -> encode -> decode -> encode gives the same text), build a valid push, and accept
// a new entry with the next id unless it is full.
// Built and run by tests/fuzz/run.sh like the other targets.
#include <string>

#include "core/sync_protocol.h"
#include "fuzz_common.h"

using namespace pasar;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text = FuzzText(data, size);
    Decoded<Outbox> decoded = DecodeOutbox(text);
    if (!decoded.ok) {
        FUZZ_CHECK(!decoded.error.message.empty());
        return 0;
    }
    std::string once = EncodeOutbox(decoded.value);
    Decoded<Outbox> again = DecodeOutbox(once);
    FUZZ_CHECK(again.ok);
    FUZZ_CHECK(EncodeOutbox(again.value) == once);
    Outbox& box = again.value;
    PushRequest req = BuildPushRequest(box, std::nullopt);
    FUZZ_CHECK(req.ok);
    FUZZ_CHECK(req.batch.count <= MAX_PUSH_MUTATIONS && req.batch.count <= box.pending.size());
    FUZZ_CHECK(req.batch.count == 0 || req.body.size() <= MAX_PUSH_BODY_BYTES || req.batch.count == 1);
    Json body = Json::parse(req.body, nullptr, false);
    FUZZ_CHECK(!body.is_discarded() && body["mutations"].size() == req.batch.count);
    NewMutation m;
    m.name = "cancel_order";
    m.key = "fuzz-key-00000001";
    m.created_at_ms = 0;
    AppendResult added = AppendMutation(&box, m);
    if (added.ok()) {
        FUZZ_CHECK(added.id == box.pending.back().id);
        FUZZ_CHECK(DecodeOutbox(EncodeOutbox(box)).ok);
    } else {
        FUZZ_CHECK(added.error == OutboxError::Full || added.error == OutboxError::IdsExhausted);
    }
    return 0;
}
