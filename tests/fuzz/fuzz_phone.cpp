// NormalizePhone: the normalised form is accepted again unchanged, and has the documented shape.
#include "core/checkout.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    pasar::PhoneResult first = pasar::NormalizePhone(FuzzText(data, size));
    if (!first.ok()) {
        FUZZ_CHECK(first.normalized.empty());  // a refusal carries its code, never a number
        return 0;
    }
    const std::string& n = first.normalized;
    FUZZ_CHECK(n.size() >= 12 && n.size() <= 15 && n.compare(0, 4, "+628") == 0 && n[4] >= '1' && n[4] <= '9');
    pasar::PhoneResult again = pasar::NormalizePhone(n);
    FUZZ_CHECK(again.ok() && again.normalized == n);
    return 0;
}
