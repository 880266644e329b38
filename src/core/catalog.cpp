#include "core/catalog.h"

namespace pasar {

Catalog MakeCatalog(CatalogIndex index) {
    Catalog catalog;
    catalog.markets.resize(index.markets.size());
    catalog.index = std::move(index);
    return catalog;
}

bool InstallMarket(Catalog* catalog, size_t market_pos, MarketFile market, DecodeError* error) {
    if (market_pos >= catalog->markets.size())
        return Fail(error, IndexPath("markets", market_pos), "no such market in the index");
    // A product id must be unique across the whole catalogue: orders and the server name products
    // by id alone.
    for (size_t s = 0; s < market.stalls.size(); ++s) {
        const Stall& stall = market.stalls[s];
        for (size_t p = 0; p < stall.products.size(); ++p) {
            auto it = catalog->product_market.find(stall.products[p].id);
            if (it != catalog->product_market.end() && it->second != market_pos) {
                std::string path = IndexPath(
                    JoinPath(IndexPath(JoinPath(IndexPath("markets", market_pos), "stalls"), s), "products"), p);
                return Fail(error, JoinPath(path, "id"),
                            "product id '" + stall.products[p].id + "' is already used by " +
                                catalog->index.markets[it->second].id);
            }
        }
    }
    if (catalog->markets[market_pos]) {
        for (const Stall& stall : catalog->markets[market_pos]->stalls)
            for (const Product& product : stall.products) catalog->product_market.erase(product.id);
    }
    for (const Stall& stall : market.stalls)
        for (const Product& product : stall.products) catalog->product_market[product.id] = market_pos;
    catalog->markets[market_pos] = std::move(market);
    return true;
}

bool LoadMarketFile(Catalog* catalog, size_t market_pos, std::string_view text, DecodeError* error) {
    Decoded<MarketFile> decoded = DecodeMarketFile(text, &catalog->index, market_pos);
    if (!decoded.ok) {
        if (error) *error = decoded.error;
        return false;
    }
    return InstallMarket(catalog, market_pos, std::move(decoded.value), error);
}

const MarketInfo* FindMarket(const CatalogIndex& index, std::string_view market_id, size_t* pos) {
    for (size_t i = 0; i < index.markets.size(); ++i) {
        if (index.markets[i].id == market_id) {
            if (pos) *pos = i;
            return &index.markets[i];
        }
    }
    return nullptr;
}

const Category* FindCategory(const CatalogIndex& index, std::string_view category_id) {
    for (const Category& c : index.categories)
        if (c.id == category_id) return &c;
    return nullptr;
}

const Area* FindArea(const CatalogIndex& index, std::string_view area_id) {
    for (const Area& a : index.areas)
        if (a.id == area_id) return &a;
    return nullptr;
}

int64_t FindAreaDistanceM(const MarketInfo& market, std::string_view area_id) {
    for (const AreaDistance& d : market.area_distance_m)
        if (d.area_id == area_id) return d.distance_m;
    return -1;
}

std::optional<ProductRef> FindProduct(const MarketFile& market, std::string_view product_id) {
    for (size_t s = 0; s < market.stalls.size(); ++s) {
        const Stall& stall = market.stalls[s];
        for (size_t p = 0; p < stall.products.size(); ++p) {
            if (stall.products[p].id == product_id) {
                ProductRef ref;
                ref.stall = &stall;
                ref.product = &stall.products[p];
                ref.stall_pos = s;
                ref.product_pos = p;
                return ref;
            }
        }
    }
    return std::nullopt;
}

}  // namespace pasar
