// Units and quantities.
//
// Every product has a base unit (kg, liter or piece) and its price is per base unit. Quantities are
// integers in thousandths of the base unit (qty_milli): 1 g of a kg product is 1, 1 ons is 100, a
// quarter kilo is 250, three bunches of kangkung (unit piece) are 3000. Buyers either tap a sale step
// ("1/4 kg") or type a weight the way they say it ("2,5 kg", "250 g", "3 ons", "setengah kilo",
// "dua setengah kg"); ParseQuantity turns that into qty_milli or explains what is wrong, and
// FormatQuantity writes it back in the shortest everyday form, so Parse(Format(q)) == q.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.h"

namespace pasar {

enum class BaseUnit { Unknown, Kg, Liter, Piece };

const char* BaseUnitName(BaseUnit unit);  // "kg", "liter", "piece"
BaseUnit ParseBaseUnit(std::string_view text);

// The most one line may hold, per unit (core/limits.h, from assets/limits.json): 200 kg, 200 liter or
// 500 pieces is already a wholesale order that belongs on the phone with the trader. MAX_QTY_MILLI is the
// largest of them, the bound decoders use before they know a line's unit.
constexpr int64_t MAX_QTY_MILLI = MAX_QTY_MILLI_PIECE;
static_assert(MAX_QTY_MILLI >= MAX_QTY_MILLI_KG && MAX_QTY_MILLI >= MAX_QTY_MILLI_LITER, "the largest limit");
// The most one order line may hold of a product sold by this unit (Unknown: the largest of all).
constexpr int64_t MaxQtyMilli(BaseUnit unit) {
    return unit == BaseUnit::Kg ? MAX_QTY_MILLI_KG : unit == BaseUnit::Liter ? MAX_QTY_MILLI_LITER : MAX_QTY_MILLI_PIECE;
}
// A typed number without a unit above this many base units is ambiguous ("250" for chilli means
// 250 g), so the buyer is asked to add a unit.
constexpr int64_t MAX_UNITLESS_BASE_UNITS = 25;

struct SaleStep {
    std::string label;  // "1/4 kg", "1 ikat", "1 ekor (~1,2 kg)"
    int64_t qty_milli = 0;
};

enum class QuantityError {
    None,
    Empty,
    NotANumber,      // "banyak", "kg"
    UnknownUnit,     // "2 karungan"
    WrongUnit,       // "2 kg" for a product sold per ikat, "1 liter" for chilli
    NeedsUnit,       // "250" for a kg product: grams or kilos?
    NotWholePiece,   // "1,5 ikat"
    NotPositive,     // "0 kg"
    TooLarge,        // more than MaxQtyMilli(unit)
    TooPrecise,      // finer than 1 g / 1 ml ("0,0005 kg", "1/3 kg")
    OffStep,         // not a multiple of the product's steps (CheckLineQuantity)
};

// Why a quantity cannot be used, as a code with its data; src/ui's word table (QuantityProblemWords)
// makes the buyer's sentence from it.
struct QuantityProblem {
    QuantityError error = QuantityError::None;
    BaseUnit unit = BaseUnit::Kg;  // the product's unit, for "dijual per kg"
    std::string piece_name;        // the product's piece word ("ikat") for BaseUnit::Piece
    std::string word;              // NotANumber, UnknownUnit: what was not understood ("karungan"), or ""
    int64_t limit_milli = 0;       // TooLarge: the most; OffStep: the step
    bool ok() const { return error == QuantityError::None; }
};

struct QuantityParse : QuantityProblem {
    int64_t qty_milli = 0;
};

// piece_name is the product's piece word ("ikat"); it is only used for unit Piece.
QuantityParse ParseQuantity(std::string_view text, BaseUnit unit, std::string_view piece_name);

// "2,5 kg", "1/4 kg", "3 ons", "150 g", "1/2 liter", "330 ml", "3 ikat".
std::string FormatQuantity(int64_t qty_milli, BaseUnit unit, std::string_view piece_name);

// Price per kg for comparing stalls: the price itself for kg, price * 1000 / piece_weight_g for
// pieces with a known weight, nothing for liters or pieces without a weight.
std::optional<int64_t> ComputePricePerKgRp(BaseUnit unit, int64_t price_rp, int64_t piece_weight_g);

// The usual steps for a unit: ons, 1/4, 1/2, 1 kg; 1/2 and 1 liter; one piece.
std::vector<SaleStep> MakeDefaultSteps(BaseUnit unit, std::string_view piece_name);

// Words that name a piece ("ikat", "biji", ...), for validation and for telling a buyer which
// word a product is sold by.
bool IsKnownPieceName(std::string_view word);

}  // namespace pasar
