// libFuzzer target: the stored outbox file. Every input must decode or fail cleanly; what decodes must
// round-trip (decode -> encode -> decode -> encode gives the same text), build a valid push, and accept
// a new entry with the next id unless it is full.
//   clang++-14 -g -O1 -fsanitize=fuzzer,address -std=c++17 -DJSON_NOEXCEPTION=1 -I src -I <deps> \
//     tests/fuzz/fuzz_sync_outbox.cpp src/core/*.cpp -o fuzz_sync_outbox
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/sync_protocol.h"

using namespace pasar;

static void Check(bool ok) {
    if (!ok) abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    Decoded<Outbox> decoded = DecodeOutbox(text);
    if (!decoded.ok) {
        Check(!decoded.error.message.empty());
        return 0;
    }
    std::string once = EncodeOutbox(decoded.value);
    Decoded<Outbox> again = DecodeOutbox(once);
    Check(again.ok);
    Check(EncodeOutbox(again.value) == once);
    Outbox& box = again.value;
    PushRequest req = BuildPushRequest(box, std::nullopt);
    Check(req.ok);
    Check(req.batch.count <= MAX_PUSH_MUTATIONS && req.batch.count <= box.pending.size());
    Check(req.batch.count == 0 || req.body.size() <= MAX_PUSH_BODY_BYTES || req.batch.count == 1);
    Json body = Json::parse(req.body, nullptr, false);
    Check(!body.is_discarded() && body["mutations"].size() == req.batch.count);
    NewMutation m;
    m.name = "cancel_order";
    m.key = "fuzz-key-00000001";
    m.created_at_ms = 0;
    AppendResult added = AppendMutation(&box, m);
    if (added.ok()) {
        Check(added.id == box.pending.back().id);
        Check(DecodeOutbox(EncodeOutbox(box)).ok);
    } else {
        Check(added.error == OutboxError::Full || added.error == OutboxError::IdsExhausted);
    }
    return 0;
}
