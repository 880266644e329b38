// ParseRupiah: any accepted amount formats and parses back to itself, in both display forms.
#include "core/money.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    pasar::MoneyParse first = pasar::ParseRupiah(FuzzText(data, size));
    if (!first.ok()) {
        FUZZ_CHECK(!first.message.empty());
        return 0;
    }
    pasar::MoneyParse again = pasar::ParseRupiah(pasar::FormatRupiah(first.amount_rp));
    FUZZ_CHECK(again.ok() && again.amount_rp == first.amount_rp);
    pasar::MoneyParse receipt = pasar::ParseRupiah(pasar::FormatRupiahReceipt(first.amount_rp));
    FUZZ_CHECK(receipt.ok() && receipt.amount_rp == first.amount_rp);
    return 0;
}
