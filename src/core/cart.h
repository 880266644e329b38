// The cart: lines from the stalls of ONE market.
//
// A courier or the cooperative's pickup point gathers one market's stalls into one trip, so a cart
// never mixes markets. Adding a product of another market does not change the cart: it returns
// CartStatus::OtherMarket naming the market the cart holds, the UI asks the buyer, and only an
// explicit ReplaceCart() empties it for the new market. Lines of the same product with the same note
// merge (adding 1/4 kg twice gives 1/2 kg); a different note ("potong 8") keeps its own line.
//
// Quantities are qty_milli of the product's base unit, within MAX_QTY_MILLI per line. A product
// with free_qty accepts any positive amount (whole pieces for unit piece); otherwise the amount must
// be a multiple of the greatest common divisor of its steps, so any sum of steps is allowed and merging
// two valid lines stays valid. Prices are not stored in the cart: they are looked up when the cart is
// priced, so a price change reaches the cart, and a vanished product shows up as such.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"

namespace pasar {

enum class Substitution { Unknown, ReplaceSimilar, CancelItem, ContactMe };
const char* SubstitutionName(Substitution s);  // "ganti_serupa", "batalkan_item", "hubungi_saya"
Substitution ParseSubstitution(std::string_view text);

// A cart holds fewer lines than serve.py takes in one order (MAX_LINES_PER_ORDER): a phone list longer
// than 60 lines is not a household's shopping.
constexpr size_t MAX_CART_LINES = 60;
static_assert(MAX_CART_LINES <= MAX_LINES_PER_ORDER, "every cart must fit in one place_order");
constexpr int64_t CART_FORMAT_VERSION = 1;

struct CartLine {
    std::string product_id;
    std::string stall_id;
    int64_t qty_milli = 0;
    std::string note;  // "potong 8", "ikan dibersihkan"; trimmed, may be empty
    Substitution substitution = Substitution::ContactMe;
};

struct Cart {
    std::string market_id;  // empty while the cart is empty
    std::vector<CartLine> lines;
};

enum class CartStatus {
    Added,           // a new line
    Merged,          // added to the line with the same product and note
    Updated,         // quantity, note or substitution changed
    Removed,
    OtherMarket,     // the cart holds another market's goods: ask, then ReplaceCart()
    UnknownProduct,  // not in this market (or no longer sold)
    SoldOut,         // availability habis
    StallClosed,     // the product's stall takes no orders for now
    BadQuantity,
    BadNote,
    TooManyLines,
    NoSuchLine,
    BadSubstitution,  // not one of the substitution choices
};

struct CartChange {
    CartStatus status = CartStatus::Added;
    size_t line_pos = 0;          // the line added, merged or updated
    std::string other_market_id;  // for OtherMarket
    std::string name;             // StallClosed: the stall's name; SoldOut: the product's
    QuantityProblem quantity;     // for BadQuantity
    bool ok() const {
        return status == CartStatus::Added || status == CartStatus::Merged || status == CartStatus::Updated ||
               status == CartStatus::Removed;
    }
};

// Said by src/ui (CartProblemWords); BadNote's limit is MAX_NOTE_CHARS, TooManyLines' MAX_CART_LINES.
QuantityProblem CheckLineQuantity(const Product& product, int64_t qty_milli);
int64_t StepGcdMilli(const Product& product);  // 0 when the product has no steps

CartChange AddToCart(Cart* cart, const MarketFile& market, std::string_view product_id, int64_t qty_milli,
                     std::string_view note, Substitution substitution);
void ReplaceCart(Cart* cart, std::string_view market_id);  // empties it for market_id
CartChange SetLineQuantity(Cart* cart, const MarketFile& market, size_t line_pos, int64_t qty_milli);
CartChange SetLineNote(Cart* cart, const MarketFile& market, size_t line_pos, std::string_view note);
CartChange SetLineSubstitution(Cart* cart, size_t line_pos, Substitution substitution);
CartChange RemoveCartLine(Cart* cart, size_t line_pos);

struct PricedLine {
    size_t line_pos = 0;
    const Product* product = nullptr;  // null when the product is gone from the catalogue
    const Stall* stall = nullptr;
    int64_t line_total_rp = 0;
    bool available = false;  // exists, its stall open, not habis, quantity valid
    bool stall_closed = false;  // the line's stall closed after it was added: remove it before checkout
};

struct PricedCart {
    std::vector<PricedLine> lines;  // grouped by stall in catalogue order, then cart order
    int64_t subtotal_rp = 0;        // available lines only
    size_t unavailable_count = 0;
};
PricedCart PriceCart(const Cart& cart, const MarketFile& market);

std::string EncodeCart(const Cart& cart);
Decoded<Cart> DecodeCart(std::string_view text);

// Trims and checks a note: clean UTF-8, at most MAX_NOTE_CHARS characters (core/limits.h).
bool NormalizeNote(std::string_view note, std::string* out);

}  // namespace pasar
