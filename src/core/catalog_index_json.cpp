#include <algorithm>
#include <limits>

#include "core/catalog.h"

namespace pasar {

const char* RegionKindName(RegionKind kind) {
    switch (kind) {
        case RegionKind::Kota: return "kota";
        case RegionKind::Kabupaten: return "kabupaten";
        case RegionKind::Unknown: break;
    }
    return "unknown";
}

const char* MarketKindName(MarketKind kind) {
    switch (kind) {
        case MarketKind::Pasar: return "pasar";
        case MarketKind::Koperasi: return "koperasi";
        case MarketKind::KoperasiNelayan: return "koperasi_nelayan";
        case MarketKind::Unknown: break;
    }
    return "unknown";
}

const char* AvailabilityName(Availability availability) {
    switch (availability) {
        case Availability::Tersedia: return "tersedia";
        case Availability::Terbatas: return "terbatas";
        case Availability::Habis: return "habis";
        case Availability::Unknown: break;
    }
    return "unknown";
}

Availability ParseAvailability(std::string_view text) {
    if (text == "tersedia") return Availability::Tersedia;
    if (text == "terbatas") return Availability::Terbatas;
    if (text == "habis") return Availability::Habis;
    return Availability::Unknown;
}

bool IsKnownCategoryId(std::string_view id) {
    static const char* const IDS[] = {"sayur",       "bumbu", "ikan",       "seafood", "ikan_asin",
                                      "daging_ayam", "telur", "tahu_tempe", "sembako", "buah"};
    for (const char* known : IDS)
        if (id == known) return true;
    return false;
}

namespace {

constexpr int64_t MAX_COUNT = 1000000;

template <typename T>
bool HasId(const std::vector<T>& items, const std::string& id) {
    return std::any_of(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
}

bool DecodeRegion(const Json& v, const std::string& path, Region* out, DecodeError* error) {
    std::string kind;
    if (!ExpectObject(v, path, error) || !ReadString(v, path, "id", TextRule::Id, &out->id, error) ||
        !ReadString(v, path, "name", TextRule::Text, &out->name, error) ||
        !ReadString(v, path, "kind", TextRule::Id, &kind, error))
        return false;
    out->kind = kind == "kota" ? RegionKind::Kota : kind == "kabupaten" ? RegionKind::Kabupaten
                                                                        : RegionKind::Unknown;
    if (out->kind == RegionKind::Unknown)
        return Fail(error, JoinPath(path, "kind"), "must be kota or kabupaten");
    return true;
}

bool DecodeMarketInfo(const Json& v, const std::string& path, const CatalogIndex& index,
                      MarketInfo* out, DecodeError* error) {
    if (!ExpectObject(v, path, error) || !ReadString(v, path, "id", TextRule::Id, &out->id, error) ||
        !ReadString(v, path, "region_id", TextRule::Id, &out->region_id, error))
        return false;
    if (!HasId(index.regions, out->region_id))
        return Fail(error, JoinPath(path, "region_id"), "unknown region '" + out->region_id + "'");
    std::string kind;
    if (!ReadString(v, path, "name", TextRule::Text, &out->name, error) ||
        !ReadString(v, path, "kind", TextRule::Id, &kind, error))
        return false;
    out->kind = kind == "pasar" ? MarketKind::Pasar
                : kind == "koperasi" ? MarketKind::Koperasi
                : kind == "koperasi_nelayan" ? MarketKind::KoperasiNelayan
                                             : MarketKind::Unknown;
    if (out->kind == MarketKind::Unknown)
        return Fail(error, JoinPath(path, "kind"), "must be one of pasar, koperasi, koperasi_nelayan");
    const Json* hours = nullptr;
    const Json* delivery = nullptr;
    if (!ReadString(v, path, "kecamatan", TextRule::Text, &out->kecamatan, error) ||
        !ReadString(v, path, "address", TextRule::Text, &out->address, error) ||
        !ReadObjectField(v, path, "hours", &hours, error) ||
        !DecodeMarketHours(*hours, JoinPath(path, "hours"), &out->hours, error) ||
        !ReadString(v, path, "known_for_id", TextRule::Text, &out->known_for_id, error) ||
        !ReadString(v, path, "known_for_en", TextRule::Text, &out->known_for_en, error))
        return false;
    auto days = v.find("auction_days");
    if (days != v.end()) {
        std::string days_path = JoinPath(path, "auction_days");
        if (!ExpectArray(*days, days_path, error)) return false;
        for (size_t i = 0; i < days->size(); ++i) {
            int64_t day = 0;
            if (!CheckInt((*days)[i], IndexPath(days_path, i), 0, 6, &day, error)) return false;
            if (std::find(out->auction_days.begin(), out->auction_days.end(), int(day)) !=
                out->auction_days.end())
                return Fail(error, IndexPath(days_path, i), "is listed twice");
            out->auction_days.push_back(int(day));
        }
    }
    if (!ReadString(v, path, "pickup_point", TextRule::Text, &out->pickup_point, error) ||
        !ReadObjectField(v, path, "delivery", &delivery, error) ||
        !DecodeDeliverySettings(*delivery, JoinPath(path, "delivery"), &out->delivery, error))
        return false;
    const Json* distances = nullptr;
    if (!ReadObjectField(v, path, "area_distance_m", &distances, error)) return false;
    std::string distances_path = JoinPath(path, "area_distance_m");
    for (auto it = distances->begin(); it != distances->end(); ++it) {
        std::string item_path = JoinPath(distances_path, it.key());
        if (!HasId(index.areas, it.key())) return Fail(error, item_path, "unknown area");
        AreaDistance d;
        d.area_id = it.key();
        if (!CheckInt(it.value(), item_path, 0, MAX_DISTANCE_M, &d.distance_m, error)) return false;
        out->area_distance_m.push_back(std::move(d));
    }
    if (!ReadInt(v, path, "stall_count", 0, MAX_COUNT, &out->stall_count, error) ||
        !ReadInt(v, path, "product_count", 0, MAX_COUNT, &out->product_count, error) ||
        !ReadString(v, path, "file", TextRule::Text, &out->file, error))
        return false;
    if (out->file != "markets/" + out->id + ".json")
        return Fail(error, JoinPath(path, "file"), "must be markets/" + out->id + ".json");
    return true;
}

}  // namespace

Decoded<CatalogIndex> DecodeCatalogIndex(std::string_view text) {
    Decoded<CatalogIndex> result;
    DecodeError* error = &result.error;
    CatalogIndex& index = result.value;
    Json doc = ParseVersionedDocument(text, CATALOG_FORMAT_VERSION, " (this app reads catalogue format 1)", error);
    if (doc.is_discarded()) return result;
    if (!ReadString(doc, "", "catalog_version", TextRule::Text, &index.catalog_version, error))
        return result;
    const Json* list = nullptr;
    if (!ReadArray(doc, "", "regions", &list, error)) return result;
    for (size_t i = 0; i < list->size(); ++i) {
        Region region;
        std::string path = IndexPath("regions", i);
        if (!DecodeRegion((*list)[i], path, &region, error)) return result;
        if (HasId(index.regions, region.id)) {
            Fail(error, JoinPath(path, "id"), "duplicate id '" + region.id + "'");
            return result;
        }
        index.regions.push_back(std::move(region));
    }
    if (!ReadArray(doc, "", "categories", &list, error)) return result;
    for (size_t i = 0; i < list->size(); ++i) {
        Category c;
        std::string path = IndexPath("categories", i);
        const Json& v = (*list)[i];
        if (!ExpectObject(v, path, error) || !ReadString(v, path, "id", TextRule::Id, &c.id, error) ||
            !ReadString(v, path, "name_id", TextRule::Text, &c.name_id, error) ||
            !ReadString(v, path, "name_en", TextRule::Text, &c.name_en, error))
            return result;
        if (HasId(index.categories, c.id)) {
            Fail(error, JoinPath(path, "id"), "duplicate id '" + c.id + "'");
            return result;
        }
        index.categories.push_back(std::move(c));
    }
    if (!ReadArray(doc, "", "areas", &list, error)) return result;
    for (size_t i = 0; i < list->size(); ++i) {
        Area a;
        std::string path = IndexPath("areas", i);
        const Json& v = (*list)[i];
        if (!ExpectObject(v, path, error) || !ReadString(v, path, "id", TextRule::Id, &a.id, error) ||
            !ReadString(v, path, "name", TextRule::Text, &a.name, error))
            return result;
        if (HasId(index.areas, a.id)) {
            Fail(error, JoinPath(path, "id"), "duplicate id '" + a.id + "'");
            return result;
        }
        index.areas.push_back(std::move(a));
    }
    if (!ReadArray(doc, "", "markets", &list, error)) return result;
    for (size_t i = 0; i < list->size(); ++i) {
        MarketInfo m;
        std::string path = IndexPath("markets", i);
        if (!DecodeMarketInfo((*list)[i], path, index, &m, error)) return result;
        if (HasId(index.markets, m.id)) {
            Fail(error, JoinPath(path, "id"), "duplicate id '" + m.id + "'");
            return result;
        }
        index.markets.push_back(std::move(m));
    }
    result.ok = true;
    return result;
}

std::string EncodeCatalogIndex(const CatalogIndex& index) {
    Json doc = Json::object();
    doc["format_version"] = CATALOG_FORMAT_VERSION;
    doc["catalog_version"] = index.catalog_version;
    Json regions = Json::array(), categories = Json::array(), areas = Json::array(),
         markets = Json::array();
    for (const Region& r : index.regions)
        regions.push_back({{"id", r.id}, {"name", r.name}, {"kind", RegionKindName(r.kind)}});
    for (const Category& c : index.categories)
        categories.push_back({{"id", c.id}, {"name_id", c.name_id}, {"name_en", c.name_en}});
    for (const Area& a : index.areas) areas.push_back({{"id", a.id}, {"name", a.name}});
    for (const MarketInfo& m : index.markets) {
        Json j = Json::object();
        j["id"] = m.id;
        j["region_id"] = m.region_id;
        j["name"] = m.name;
        j["kind"] = MarketKindName(m.kind);
        j["kecamatan"] = m.kecamatan;
        j["address"] = m.address;
        j["hours"] = EncodeMarketHours(m.hours);
        j["known_for_id"] = m.known_for_id;
        j["known_for_en"] = m.known_for_en;
        if (!m.auction_days.empty()) j["auction_days"] = m.auction_days;
        j["pickup_point"] = m.pickup_point;
        j["delivery"] = EncodeDeliverySettings(m.delivery);
        Json distances = Json::object();
        for (const AreaDistance& d : m.area_distance_m) distances[d.area_id] = d.distance_m;
        j["area_distance_m"] = std::move(distances);
        j["stall_count"] = m.stall_count;
        j["product_count"] = m.product_count;
        j["file"] = m.file;
        markets.push_back(std::move(j));
    }
    doc["regions"] = std::move(regions);
    doc["categories"] = std::move(categories);
    doc["areas"] = std::move(areas);
    doc["markets"] = std::move(markets);
    return DumpJson(doc);
}

}  // namespace pasar
