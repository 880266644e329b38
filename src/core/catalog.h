// The catalogue: a province of regions, each with markets, each market with stalls and products.
//
// It is organised so that a phone downloads and decodes little before it can draw: the index
// (index.json: regions, categories, delivery areas, markets with hours and delivery settings) is
// small and decoded first; a market's own file (markets/<id>.json: stalls and their products) is
// decoded when the buyer first opens that market. Catalog holds the index plus the markets loaded so
// far. The JSON layout is the contract in README.md, "Catalogue schema"; serve.py reads the same files.
//
// Decoding validates every field and stops at the first bad one, reporting its path, e.g.
// `markets[3].stalls[2].products[5].price_rp: must be > 0` (a market file decoded for index
// position 3 has its paths prefixed with `markets[3]`). Unknown extra fields are ignored so that
// optional fields can be added later. Encoding writes every known field; decode(encode(x))
// encodes to the same text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/decode.h"
#include "core/delivery.h"
#include "core/units.h"

namespace pasar {

constexpr int64_t CATALOG_FORMAT_VERSION = 1;
constexpr int64_t MAX_PRICE_RP = 100000000;  // Rp100 juta per base unit
constexpr int64_t MAX_PIECE_WEIGHT_G = 100000;

enum class RegionKind { Unknown, Kota, Kabupaten };
enum class MarketKind { Unknown, Pasar, Koperasi, KoperasiNelayan };
enum class Availability { Unknown, Tersedia, Terbatas, Habis };

const char* RegionKindName(RegionKind kind);
const char* MarketKindName(MarketKind kind);
const char* AvailabilityName(Availability availability);
Availability ParseAvailability(std::string_view text);

struct Region {
    std::string id;
    std::string name;
    RegionKind kind = RegionKind::Unknown;
};

struct Category {
    std::string id;       // "sayur"
    std::string name_id;  // "Sayur"
    std::string name_en;  // "Vegetables"
};

struct Area {
    std::string id;  // delivery area (kecamatan) a buyer picks from
    std::string name;
};

struct AreaDistance {
    std::string area_id;
    int64_t distance_m = 0;  // road distance from the market's pickup point
};

struct MarketInfo {
    std::string id;
    std::string region_id;
    std::string name;
    MarketKind kind = MarketKind::Unknown;
    std::string kecamatan;
    std::string address;
    MarketHours hours;
    std::string known_for_id;
    std::string known_for_en;
    std::vector<int> auction_days;  // 0 = Sunday; empty when the market holds no auctions
    std::string pickup_point;
    DeliverySettings delivery;
    std::vector<AreaDistance> area_distance_m;  // sorted by area_id
    int64_t stall_count = 0;
    int64_t product_count = 0;
    std::string file;  // "markets/<id>.json", relative to index.json
};

struct CatalogIndex {
    std::string catalog_version;
    std::vector<Region> regions;
    std::vector<Category> categories;
    std::vector<Area> areas;
    std::vector<MarketInfo> markets;
};

struct Product {
    std::string id;  // unique in the whole catalogue
    std::string name;
    std::string category;
    BaseUnit unit = BaseUnit::Unknown;
    std::string piece_name;      // only for unit piece: "ikat", "ekor", ...
    int64_t piece_weight_g = 0;  // only for unit piece, optional; 0 = unknown
    int64_t price_rp = 0;        // per base unit, > 0
    std::string price_date;      // YYYY-MM-DD
    std::vector<SaleStep> steps;
    bool weighed = false;
    bool free_qty = false;
    Availability availability = Availability::Unknown;
    int64_t ref_price_rp = 0;    // 0 = no reference price
    std::string ref_price_date;  // set exactly when ref_price_rp is
};

struct Stall {
    std::string id;
    std::string name;      // the stall's place and trade: "Los Sayur Blok B No. 12"
    std::string kind;      // trade: "sayur", "ikan", ...
    std::string location;
    std::string phone;     // optional, normalised "+628..." when present
    std::string qris;      // optional static QRIS payload, CRC-checked
    std::vector<Product> products;
    bool closed = false;   // the stall takes no orders for now ("closed": true in the file, or a stall patch)
};

struct MarketFile {
    std::string market_id;
    std::string catalog_version;
    std::vector<Stall> stalls;
};

Decoded<CatalogIndex> DecodeCatalogIndex(std::string_view text);
// With index, the file is checked against the market at index.markets[market_pos] (id, catalogue
// version, categories, stall and product counts) and paths start with "markets[<pos>]".
// Without index only the file itself is checked.
Decoded<MarketFile> DecodeMarketFile(std::string_view text, const CatalogIndex* index = nullptr,
                                     size_t market_pos = 0);

std::string EncodeCatalogIndex(const CatalogIndex& index);
std::string EncodeMarketFile(const MarketFile& market);
Json EncodeProductJson(const Product& product);

// The index plus the market files loaded so far (markets[i] belongs to index.markets[i]).
struct Catalog {
    CatalogIndex index;
    std::vector<std::optional<MarketFile>> markets;
    std::unordered_map<std::string, size_t> product_market;  // product id -> market position
};

Catalog MakeCatalog(CatalogIndex index);
// Decodes and installs a market file. Refuses product ids already used by another loaded market.
bool LoadMarketFile(Catalog* catalog, size_t market_pos, std::string_view text, DecodeError* error);
// Installs an already decoded market (the generator uses this); same checks as LoadMarketFile.
bool InstallMarket(Catalog* catalog, size_t market_pos, MarketFile market, DecodeError* error);

const MarketInfo* FindMarket(const CatalogIndex& index, std::string_view market_id, size_t* pos = nullptr);
const Category* FindCategory(const CatalogIndex& index, std::string_view category_id);
const Area* FindArea(const CatalogIndex& index, std::string_view area_id);
// Distance from the market to a delivery area, or -1 when the market does not serve it.
int64_t FindAreaDistanceM(const MarketInfo& market, std::string_view area_id);

struct ProductRef {
    const Stall* stall = nullptr;
    const Product* product = nullptr;
    size_t stall_pos = 0;
    size_t product_pos = 0;
};
// Linear in the market's products (a few hundred); callers that search often use the search index.
std::optional<ProductRef> FindProduct(const MarketFile& market, std::string_view product_id);

bool IsKnownCategoryId(std::string_view id);  // the ten ids of the schema

}  // namespace pasar
