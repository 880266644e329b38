// Cart: decode -> encode -> decode round-trips.
#include "core/cart.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    pasar::Decoded<pasar::Cart> first = pasar::DecodeCart(FuzzText(data, size));
    if (!first.ok) {
        FUZZ_CHECK(!first.error.message.empty());
        return 0;
    }
    std::string encoded = pasar::EncodeCart(first.value);
    pasar::Decoded<pasar::Cart> second = pasar::DecodeCart(encoded);
    FUZZ_CHECK(second.ok);
    FUZZ_CHECK(pasar::EncodeCart(second.value) == encoded);
    return 0;
}
