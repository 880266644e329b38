// Catalogue index: decode -> encode -> decode must give the same encoding.
#include "core/catalog.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    pasar::Decoded<pasar::CatalogIndex> first = pasar::DecodeCatalogIndex(FuzzText(data, size));
    if (!first.ok) {
        FUZZ_CHECK(!first.error.message.empty());
        return 0;
    }
    std::string encoded = pasar::EncodeCatalogIndex(first.value);
    pasar::Decoded<pasar::CatalogIndex> second = pasar::DecodeCatalogIndex(encoded);
    FUZZ_CHECK(second.ok);
    FUZZ_CHECK(pasar::EncodeCatalogIndex(second.value) == encoded);
    return 0;
}
