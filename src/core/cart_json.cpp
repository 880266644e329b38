#include <limits>

#include "core/cart.h"

namespace pasar {

std::string EncodeCart(const Cart& cart) {
    Json doc = Json::object();
    doc["format_version"] = CART_FORMAT_VERSION;
    doc["market_id"] = cart.market_id;
    Json lines = Json::array();
    for (const CartLine& line : cart.lines)
        lines.push_back({{"product_id", line.product_id},
                         {"stall_id", line.stall_id},
                         {"qty_milli", line.qty_milli},
                         {"note", line.note},
                         {"substitution", SubstitutionName(line.substitution)}});
    doc["lines"] = std::move(lines);
    return DumpJson(doc);
}

Decoded<Cart> DecodeCart(std::string_view text) {
    Decoded<Cart> result;
    DecodeError* error = &result.error;
    Json doc = ParseVersionedDocument(text, CART_FORMAT_VERSION, "", error);
    if (doc.is_discarded()) return result;
    Cart& cart = result.value;
    if (!ReadString(doc, "", "market_id", TextRule::Free, &cart.market_id, error)) return result;
    const Json* lines = nullptr;
    if (!ReadArray(doc, "", "lines", &lines, error)) return result;
    if (!cart.market_id.empty() && !IsValidId(cart.market_id)) {
        Fail(error, "market_id", "must be a market id or empty");
        return result;
    }
    if (cart.market_id.empty() && !lines->empty()) {
        Fail(error, "market_id", "is required when the cart has lines");
        return result;
    }
    if (lines->size() > MAX_CART_LINES) {
        Fail(error, "lines", "must have at most " + std::to_string(MAX_CART_LINES) + " lines");
        return result;
    }
    for (size_t i = 0; i < lines->size(); ++i) {
        std::string path = IndexPath("lines", i);
        const Json& v = (*lines)[i];
        CartLine line;
        std::string substitution;
        if (!ExpectObject(v, path, error) ||
            !ReadString(v, path, "product_id", TextRule::Id, &line.product_id, error) ||
            !ReadString(v, path, "stall_id", TextRule::Id, &line.stall_id, error) ||
            !ReadInt(v, path, "qty_milli", 1, MAX_QTY_MILLI, &line.qty_milli, error) ||
            !ReadString(v, path, "note", TextRule::Free, &line.note, error) ||
            !ReadString(v, path, "substitution", TextRule::Id, &substitution, error))
            return result;
        std::string clean;
        if (!NormalizeNote(line.note, &clean) || clean != line.note) {
            Fail(error, JoinPath(path, "note"), "must be trimmed plain text of at most 140 bytes");
            return result;
        }
        line.substitution = ParseSubstitution(substitution);
        if (line.substitution == Substitution::Unknown) {
            Fail(error, JoinPath(path, "substitution"), "must be one of ganti_serupa, batalkan_item, hubungi_saya");
            return result;
        }
        for (const CartLine& other : cart.lines) {
            if (other.product_id == line.product_id && other.note == line.note) {
                Fail(error, path, "repeats the product and note of an earlier line");
                return result;
            }
        }
        cart.lines.push_back(std::move(line));
    }
    result.ok = true;
    return result;
}

}  // namespace pasar
