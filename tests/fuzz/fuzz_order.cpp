// Orders: decode -> encode -> decode round-trips; decoded totals always add up.
#include "core/orders.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    pasar::Decoded<pasar::Order> first = pasar::DecodeOrder(FuzzText(data, size));
    if (!first.ok) {
        FUZZ_CHECK(!first.error.message.empty());
        return 0;
    }
    FUZZ_CHECK(first.value.total_rp == first.value.subtotal_rp + first.value.delivery_fee_rp);
    std::string encoded = pasar::EncodeOrder(first.value);
    pasar::Decoded<pasar::Order> second = pasar::DecodeOrder(encoded);
    FUZZ_CHECK(second.ok);
    FUZZ_CHECK(pasar::EncodeOrder(second.value) == encoded);
    return 0;
}
