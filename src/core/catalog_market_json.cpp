#include <limits>
#include <unordered_set>

#include "core/catalog.h"
#include "core/checkout.h"
#include "core/qris.h"

namespace pasar {

namespace {

bool DecodeSteps(const Json& product, const std::string& path, BaseUnit unit, std::vector<SaleStep>* out,
                 DecodeError* error) {
    const Json* steps = nullptr;
    if (!ReadArray(product, path, "steps", &steps, error)) return false;
    std::string steps_path = JoinPath(path, "steps");
    if (steps->empty()) return Fail(error, steps_path, "must have at least one step");
    for (size_t i = 0; i < steps->size(); ++i) {
        std::string step_path = IndexPath(steps_path, i);
        const Json& v = (*steps)[i];
        SaleStep step;
        if (!ExpectObject(v, step_path, error) ||
            !ReadString(v, step_path, "label", TextRule::Text, &step.label, error) ||
            !ReadInt(v, step_path, "qty_milli", 1, MAX_QTY_MILLI, &step.qty_milli, error))
            return false;
        if (unit == BaseUnit::Piece && step.qty_milli % 1000 != 0)
            return Fail(error, JoinPath(step_path, "qty_milli"), "must be whole pieces (a multiple of 1000)");
        out->push_back(std::move(step));
    }
    return true;
}

bool DecodeProduct(const Json& v, const std::string& path, const CatalogIndex* index, Product* out,
                   DecodeError* error) {
    if (!ExpectObject(v, path, error) || !ReadString(v, path, "id", TextRule::Id, &out->id, error) ||
        !ReadString(v, path, "name", TextRule::Text, &out->name, error) ||
        !ReadString(v, path, "category", TextRule::Id, &out->category, error))
        return false;
    bool known_category = index ? FindCategory(*index, out->category) != nullptr
                                : IsKnownCategoryId(out->category);
    if (!known_category)
        return Fail(error, JoinPath(path, "category"), "unknown category '" + out->category + "'");
    std::string unit;
    if (!ReadString(v, path, "unit", TextRule::Id, &unit, error)) return false;
    out->unit = ParseBaseUnit(unit);
    if (out->unit == BaseUnit::Unknown)
        return Fail(error, JoinPath(path, "unit"), "must be one of kg, liter, piece");
    bool has_piece_name = false, has_weight = false;
    if (!ReadOptionalString(v, path, "piece_name", TextRule::Id, &out->piece_name, &has_piece_name, error) ||
        !ReadOptionalInt(v, path, "piece_weight_g", 1, MAX_PIECE_WEIGHT_G, &out->piece_weight_g,
                         &has_weight, error))
        return false;
    if (out->unit == BaseUnit::Piece && !has_piece_name)
        return Fail(error, JoinPath(path, "piece_name"), "is required for unit piece");
    if (out->unit != BaseUnit::Piece && has_piece_name)
        return Fail(error, JoinPath(path, "piece_name"), "is only for unit piece");
    if (out->unit != BaseUnit::Piece && has_weight)
        return Fail(error, JoinPath(path, "piece_weight_g"), "is only for unit piece");
    if (!ReadInt(v, path, "price_rp", 1, MAX_PRICE_RP, &out->price_rp, error) ||
        !ReadString(v, path, "price_date", TextRule::Text, &out->price_date, error))
        return false;
    if (!IsValidDate(out->price_date))
        return Fail(error, JoinPath(path, "price_date"), "must be a date YYYY-MM-DD");
    if (!DecodeSteps(v, path, out->unit, &out->steps, error) ||
        !ReadBool(v, path, "weighed", &out->weighed, error) ||
        !ReadBool(v, path, "free_qty", &out->free_qty, error))
        return false;
    std::string availability;
    if (!ReadString(v, path, "availability", TextRule::Id, &availability, error)) return false;
    out->availability = ParseAvailability(availability);
    if (out->availability == Availability::Unknown)
        return Fail(error, JoinPath(path, "availability"), "must be one of tersedia, terbatas, habis");
    bool has_ref_price = false, has_ref_date = false;
    if (!ReadOptionalInt(v, path, "ref_price_rp", 1, MAX_PRICE_RP, &out->ref_price_rp, &has_ref_price, error) ||
        !ReadOptionalString(v, path, "ref_price_date", TextRule::Text, &out->ref_price_date, &has_ref_date,
                            error))
        return false;
    if (has_ref_price != has_ref_date)
        return Fail(error, JoinPath(path, has_ref_price ? "ref_price_date" : "ref_price_rp"),
                    "is required together with " +
                        std::string(has_ref_price ? "ref_price_rp" : "ref_price_date"));
    if (has_ref_date && !IsValidDate(out->ref_price_date))
        return Fail(error, JoinPath(path, "ref_price_date"), "must be a date YYYY-MM-DD");
    return true;
}

bool DecodeStall(const Json& v, const std::string& path, const CatalogIndex* index, Stall* out,
                 std::unordered_set<std::string>* product_ids, DecodeError* error) {
    if (!ExpectObject(v, path, error) || !ReadString(v, path, "id", TextRule::Id, &out->id, error) ||
        !ReadString(v, path, "name", TextRule::Text, &out->name, error) ||
        !ReadString(v, path, "kind", TextRule::Id, &out->kind, error) ||
        !ReadString(v, path, "location", TextRule::Text, &out->location, error))
        return false;
    bool present = false;
    if (!ReadOptionalString(v, path, "phone", TextRule::Text, &out->phone, &present, error)) return false;
    if (present) {
        PhoneResult phone = NormalizePhone(out->phone);
        if (!phone.ok()) return Fail(error, JoinPath(path, "phone"), std::string("must be a phone number (") + PhoneErrorCode(phone.error) + ")");
        if (phone.normalized != out->phone)
            return Fail(error, JoinPath(path, "phone"), "must be written as " + phone.normalized);
    }
    if (!ReadOptionalString(v, path, "qris", TextRule::Text, &out->qris, &present, error)) return false;
    if (present) {
        QrisParse qris = ParseQris(out->qris);
        if (!qris.ok()) return Fail(error, JoinPath(path, "qris"), qris.message);
    }
    // Optional: serve.py writes "closed": true while the stall takes no orders (README schema).
    if (v.contains("closed") && !ReadBool(v, path, "closed", &out->closed, error)) return false;
    const Json* products = nullptr;
    if (!ReadArray(v, path, "products", &products, error)) return false;
    std::string products_path = JoinPath(path, "products");
    out->products.reserve(products->size());
    for (size_t i = 0; i < products->size(); ++i) {
        Product product;
        std::string product_path = IndexPath(products_path, i);
        if (!DecodeProduct((*products)[i], product_path, index, &product, error)) return false;
        if (!product_ids->insert(product.id).second)
            return Fail(error, JoinPath(product_path, "id"), "duplicate product id '" + product.id + "'");
        out->products.push_back(std::move(product));
    }
    return true;
}

}  // namespace

Decoded<MarketFile> DecodeMarketFile(std::string_view text, const CatalogIndex* index, size_t market_pos) {
    Decoded<MarketFile> result;
    DecodeError* error = &result.error;
    MarketFile& market = result.value;
    const MarketInfo* info = nullptr;
    std::string root;
    if (index) {
        if (market_pos >= index->markets.size()) {
            Fail(error, IndexPath("markets", market_pos), "no such market in the index");
            return result;
        }
        info = &index->markets[market_pos];
        root = IndexPath("markets", market_pos);
    }
    Json doc = ParseJsonText(text, error);
    if (doc.is_discarded()) {
        error->path = root;
        return result;
    }
    if (!ExpectObject(doc, root, error)) return result;
    int64_t version = 0;
    if (!ReadInt(doc, root, "format_version", std::numeric_limits<int64_t>::min(),
                 std::numeric_limits<int64_t>::max(), &version, error))
        return result;
    if (version != CATALOG_FORMAT_VERSION) {
        Fail(error, JoinPath(root, "format_version"), "must be 1 (this app reads catalogue format 1)");
        return result;
    }
    if (!ReadString(doc, root, "market_id", TextRule::Id, &market.market_id, error) ||
        !ReadString(doc, root, "catalog_version", TextRule::Text, &market.catalog_version, error))
        return result;
    if (info && market.market_id != info->id) {
        Fail(error, JoinPath(root, "market_id"), "must be '" + info->id + "' as in the index");
        return result;
    }
    if (index && market.catalog_version != index->catalog_version) {
        Fail(error, JoinPath(root, "catalog_version"),
             "must be '" + index->catalog_version + "' as in the index");
        return result;
    }
    const Json* stalls = nullptr;
    if (!ReadArray(doc, root, "stalls", &stalls, error)) return result;
    std::string stalls_path = JoinPath(root, "stalls");
    std::unordered_set<std::string> stall_ids, product_ids;
    size_t product_count = 0;
    market.stalls.reserve(stalls->size());
    for (size_t i = 0; i < stalls->size(); ++i) {
        Stall stall;
        std::string stall_path = IndexPath(stalls_path, i);
        if (!DecodeStall((*stalls)[i], stall_path, index, &stall, &product_ids, error)) return result;
        if (!stall_ids.insert(stall.id).second) {
            Fail(error, JoinPath(stall_path, "id"), "duplicate stall id '" + stall.id + "'");
            return result;
        }
        product_count += stall.products.size();
        market.stalls.push_back(std::move(stall));
    }
    if (info && int64_t(market.stalls.size()) != info->stall_count) {
        Fail(error, stalls_path, "has " + std::to_string(market.stalls.size()) +
                                     " stalls but the index says stall_count " +
                                     std::to_string(info->stall_count));
        return result;
    }
    if (info && int64_t(product_count) != info->product_count) {
        Fail(error, stalls_path, "has " + std::to_string(product_count) +
                                     " products but the index says product_count " +
                                     std::to_string(info->product_count));
        return result;
    }
    result.ok = true;
    return result;
}

Json EncodeProductJson(const Product& p) {
    Json j = Json::object();
    j["id"] = p.id;
    j["name"] = p.name;
    j["category"] = p.category;
    j["unit"] = BaseUnitName(p.unit);
    if (p.unit == BaseUnit::Piece) j["piece_name"] = p.piece_name;
    if (p.unit == BaseUnit::Piece && p.piece_weight_g > 0) j["piece_weight_g"] = p.piece_weight_g;
    j["price_rp"] = p.price_rp;
    j["price_date"] = p.price_date;
    Json steps = Json::array();
    for (const SaleStep& s : p.steps) steps.push_back({{"label", s.label}, {"qty_milli", s.qty_milli}});
    j["steps"] = std::move(steps);
    j["weighed"] = p.weighed;
    j["free_qty"] = p.free_qty;
    j["availability"] = AvailabilityName(p.availability);
    if (p.ref_price_rp > 0) {
        j["ref_price_rp"] = p.ref_price_rp;
        j["ref_price_date"] = p.ref_price_date;
    }
    return j;
}

std::string EncodeMarketFile(const MarketFile& market) {
    Json doc = Json::object();
    doc["format_version"] = CATALOG_FORMAT_VERSION;
    doc["market_id"] = market.market_id;
    doc["catalog_version"] = market.catalog_version;
    Json stalls = Json::array();
    for (const Stall& s : market.stalls) {
        Json j = Json::object();
        j["id"] = s.id;
        j["name"] = s.name;
        j["kind"] = s.kind;
        j["location"] = s.location;
        if (!s.phone.empty()) j["phone"] = s.phone;
        if (!s.qris.empty()) j["qris"] = s.qris;
        if (s.closed) j["closed"] = true;
        Json products = Json::array();
        for (const Product& p : s.products) products.push_back(EncodeProductJson(p));
        j["products"] = std::move(products);
        stalls.push_back(std::move(j));
    }
    doc["stalls"] = std::move(stalls);
    return DumpJson(doc);
}

}  // namespace pasar
