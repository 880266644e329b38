// Market file (stalls and products), decoded on its own: decode -> encode -> decode round-trips.
#include "core/catalog.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    pasar::Decoded<pasar::MarketFile> first = pasar::DecodeMarketFile(FuzzText(data, size));
    if (!first.ok) {
        FUZZ_CHECK(!first.error.message.empty());
        return 0;
    }
    std::string encoded = pasar::EncodeMarketFile(first.value);
    pasar::Decoded<pasar::MarketFile> second = pasar::DecodeMarketFile(encoded);
    FUZZ_CHECK(second.ok);
    FUZZ_CHECK(pasar::EncodeMarketFile(second.value) == encoded);
    return 0;
}
