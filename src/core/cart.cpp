#include "core/cart.h"

#include <algorithm>

#include "core/checkout.h"
#include "core/money.h"

namespace pasar {

const char* SubstitutionName(Substitution s) {
    switch (s) {
        case Substitution::ReplaceSimilar: return "ganti_serupa";
        case Substitution::CancelItem: return "batalkan_item";
        case Substitution::ContactMe: return "hubungi_saya";
        case Substitution::Unknown: break;
    }
    return "unknown";
}

Substitution ParseSubstitution(std::string_view text) {
    if (text == "ganti_serupa") return Substitution::ReplaceSimilar;
    if (text == "batalkan_item") return Substitution::CancelItem;
    if (text == "hubungi_saya") return Substitution::ContactMe;
    return Substitution::Unknown;
}

bool NormalizeNote(std::string_view note, std::string* out) {
    std::string trimmed = TrimSpaces(note);
    if (!IsCleanText(trimmed) || CountUtf8Chars(trimmed) > MAX_NOTE_CHARS) return false;
    *out = std::move(trimmed);
    return true;
}

static int64_t Gcd(int64_t a, int64_t b) {
    while (b != 0) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

int64_t StepGcdMilli(const Product& product) {
    int64_t g = 0;
    for (const SaleStep& step : product.steps)
        if (step.qty_milli > 0) g = Gcd(step.qty_milli, g);
    return g;
}

QuantityProblem CheckLineQuantity(const Product& product, int64_t qty_milli) {
    QuantityProblem check;
    check.unit = product.unit;
    check.piece_name = product.piece_name;
    if (qty_milli <= 0) {
        check.error = QuantityError::NotPositive;
    } else if (qty_milli > MaxQtyMilli(product.unit)) {
        check.error = QuantityError::TooLarge;
        check.limit_milli = MaxQtyMilli(product.unit);
    } else if (product.unit == BaseUnit::Piece && qty_milli % 1000 != 0) {
        check.error = QuantityError::NotWholePiece;
    } else if (!product.free_qty && StepGcdMilli(product) > 0 && qty_milli % StepGcdMilli(product) != 0) {
        check.error = QuantityError::OffStep;
        check.limit_milli = StepGcdMilli(product);
    }
    return check;
}

static CartChange Change(CartStatus status, size_t line_pos = 0) {
    CartChange change;
    change.status = status;
    change.line_pos = line_pos;
    return change;
}

static CartChange BadQuantity(QuantityProblem problem, size_t line_pos = 0) {
    CartChange change = Change(CartStatus::BadQuantity, line_pos);
    change.quantity = std::move(problem);
    return change;
}

static CartChange Named(CartStatus status, const std::string& name) {
    CartChange change = Change(status);
    change.name = name;
    return change;
}

static CartChange BadNoteChange() { return Change(CartStatus::BadNote); }

CartChange AddToCart(Cart* cart, const MarketFile& market, std::string_view product_id, int64_t qty_milli,
                     std::string_view note, Substitution substitution) {
    if (!cart->lines.empty() && cart->market_id != market.market_id) {
        CartChange change = Change(CartStatus::OtherMarket);
        change.other_market_id = cart->market_id;
        return change;
    }
    std::optional<ProductRef> ref = FindProduct(market, product_id);
    if (!ref) return Change(CartStatus::UnknownProduct);
    if (ref->stall->closed)
        return Named(CartStatus::StallClosed, ref->stall->name);
    if (ref->product->availability == Availability::Habis)
        return Named(CartStatus::SoldOut, ref->product->name);
    std::string clean_note;
    if (!NormalizeNote(note, &clean_note)) return BadNoteChange();
    if (substitution == Substitution::Unknown) substitution = Substitution::ContactMe;
    QuantityProblem check = CheckLineQuantity(*ref->product, qty_milli);
    if (!check.ok()) return BadQuantity(check);
    for (size_t i = 0; i < cart->lines.size(); ++i) {
        CartLine& line = cart->lines[i];
        if (line.product_id != product_id || line.note != clean_note) continue;
        int64_t merged = line.qty_milli + qty_milli;  // both <= MAX_QTY_MILLI: no overflow
        QuantityProblem merged_check = CheckLineQuantity(*ref->product, merged);
        if (!merged_check.ok()) return BadQuantity(merged_check, i);
        line.qty_milli = merged;
        line.substitution = substitution;
        return Change(CartStatus::Merged, i);
    }
    if (cart->lines.size() >= MAX_CART_LINES)
        return Change(CartStatus::TooManyLines);
    cart->market_id = market.market_id;
    cart->lines.push_back({std::string(product_id), ref->stall->id, qty_milli, clean_note, substitution});
    return Change(CartStatus::Added, cart->lines.size() - 1);
}

void ReplaceCart(Cart* cart, std::string_view market_id) {
    cart->lines.clear();
    cart->market_id = std::string(market_id);
}

static bool ValidLine(const Cart& cart, size_t line_pos) { return line_pos < cart.lines.size(); }

static CartChange NoSuchLine() { return Change(CartStatus::NoSuchLine); }

CartChange SetLineQuantity(Cart* cart, const MarketFile& market, size_t line_pos, int64_t qty_milli) {
    if (!ValidLine(*cart, line_pos)) return NoSuchLine();
    std::optional<ProductRef> ref = FindProduct(market, cart->lines[line_pos].product_id);
    if (!ref || cart->market_id != market.market_id)
        return Change(CartStatus::UnknownProduct);
    QuantityProblem check = CheckLineQuantity(*ref->product, qty_milli);
    if (!check.ok()) return BadQuantity(check, line_pos);
    cart->lines[line_pos].qty_milli = qty_milli;
    return Change(CartStatus::Updated, line_pos);
}

CartChange SetLineNote(Cart* cart, const MarketFile& market, size_t line_pos, std::string_view note) {
    if (!ValidLine(*cart, line_pos)) return NoSuchLine();
    std::string clean_note;
    if (!NormalizeNote(note, &clean_note)) return BadNoteChange();
    CartLine& line = cart->lines[line_pos];
    for (size_t i = 0; i < cart->lines.size(); ++i) {
        if (i == line_pos || cart->lines[i].product_id != line.product_id || cart->lines[i].note != clean_note)
            continue;
        // The new note equals another line's: the two become one line.
        std::optional<ProductRef> ref = FindProduct(market, line.product_id);
        int64_t merged = cart->lines[i].qty_milli + line.qty_milli;
        if (ref) {
            QuantityProblem check = CheckLineQuantity(*ref->product, merged);
            if (!check.ok()) return BadQuantity(check, line_pos);
        }
        cart->lines[i].qty_milli = merged;
        cart->lines.erase(cart->lines.begin() + std::ptrdiff_t(line_pos));
        return Change(CartStatus::Merged, i > line_pos ? i - 1 : i);
    }
    line.note = clean_note;
    return Change(CartStatus::Updated, line_pos);
}

CartChange SetLineSubstitution(Cart* cart, size_t line_pos, Substitution substitution) {
    if (!ValidLine(*cart, line_pos)) return NoSuchLine();
    if (substitution == Substitution::Unknown)
        return Change(CartStatus::BadSubstitution);
    cart->lines[line_pos].substitution = substitution;
    return Change(CartStatus::Updated, line_pos);
}

CartChange RemoveCartLine(Cart* cart, size_t line_pos) {
    if (!ValidLine(*cart, line_pos)) return NoSuchLine();
    cart->lines.erase(cart->lines.begin() + std::ptrdiff_t(line_pos));
    if (cart->lines.empty()) cart->market_id.clear();
    return Change(CartStatus::Removed, line_pos);
}

PricedCart PriceCart(const Cart& cart, const MarketFile& market) {
    PricedCart priced;
    bool same_market = cart.market_id == market.market_id;
    std::vector<std::pair<size_t, PricedLine>> keyed;  // (stall order, line)
    for (size_t i = 0; i < cart.lines.size(); ++i) {
        PricedLine line;
        line.line_pos = i;
        std::optional<ProductRef> ref;
        if (same_market) ref = FindProduct(market, cart.lines[i].product_id);
        size_t stall_order = market.stalls.size();  // vanished products sort last
        if (ref) {
            line.product = ref->product;
            line.stall = ref->stall;
            stall_order = ref->stall_pos;
            line.stall_closed = ref->stall->closed;
            line.available = !ref->stall->closed && ref->product->availability != Availability::Habis &&
                             CheckLineQuantity(*ref->product, cart.lines[i].qty_milli).ok() &&
                             ComputeLineTotalRp(ref->product->price_rp, cart.lines[i].qty_milli, &line.line_total_rp);
        }
        if (line.available)
            priced.subtotal_rp += line.line_total_rp;  // <= 60 lines of <= Rp50 milyar: fits
        else
            ++priced.unavailable_count;
        keyed.emplace_back(stall_order, line);
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& k : keyed) priced.lines.push_back(k.second);
    return priced;
}

}  // namespace pasar
