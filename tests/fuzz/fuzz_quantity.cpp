// ParseQuantity for each base unit: an accepted quantity formats and parses back to itself.
#include "core/units.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text = FuzzText(data, size);
    const pasar::BaseUnit units[] = {pasar::BaseUnit::Kg, pasar::BaseUnit::Liter, pasar::BaseUnit::Piece};
    for (pasar::BaseUnit unit : units) {
        const char* piece = unit == pasar::BaseUnit::Piece ? "ikat" : "";
        pasar::QuantityParse first = pasar::ParseQuantity(text, unit, piece);
        if (!first.ok()) {
            FUZZ_CHECK(first.qty_milli == 0);  // a refusal carries its code, never a quantity
            continue;
        }
        FUZZ_CHECK(first.qty_milli > 0 && first.qty_milli <= pasar::MAX_QTY_MILLI);
        pasar::QuantityParse again = pasar::ParseQuantity(pasar::FormatQuantity(first.qty_milli, unit, piece), unit, piece);
        FUZZ_CHECK(again.ok() && again.qty_milli == first.qty_milli);
    }
    return 0;
}
