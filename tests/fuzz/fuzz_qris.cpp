// ParseQris: a valid payload re-encodes to itself from its fields, and becomes a valid order code.
#include "core/qris.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text = FuzzText(data, size);
    pasar::QrisParse first = pasar::ParseQris(text);
    if (!first.ok()) {
        FUZZ_CHECK(!first.message.empty());
        return 0;
    }
    std::vector<pasar::QrisField> fields(first.fields.begin(), first.fields.end() - 1);  // without 63
    FUZZ_CHECK(pasar::EncodeQrisWithCrc(fields) == text);
    pasar::QrisBuild order = pasar::MakeOrderQris(text, 47500);
    if (order.ok()) {
        pasar::QrisParse parsed = pasar::ParseQris(order.payload);
        FUZZ_CHECK(parsed.ok() && parsed.is_dynamic && parsed.amount_rp == 47500);
    } else {
        FUZZ_CHECK(order.error == pasar::QrisError::TooLong);
    }
    return 0;
}
