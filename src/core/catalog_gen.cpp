#include "core/catalog_gen.h"

#include <algorithm>

#include "core/qris.h"

namespace pasar {

uint64_t NextRandom(Rng* rng) {
    uint64_t z = (rng->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int64_t RandomBetween(Rng* rng, int64_t low, int64_t high) {
    if (high <= low) return low;
    return low + int64_t(NextRandom(rng) % uint64_t(high - low + 1));
}

namespace {

struct Template {
    const char* name;
    const char* category;
    const char* unit;        // kg, liter, piece
    const char* piece_name;  // for piece
    int piece_weight_g;
    int low_rp, high_rp;
    bool weighed;
};

const Template TEMPLATES[] = {
    {"Cabai merah keriting", "bumbu", "kg", "", 0, 20000, 45000, true},
    {"Cabai rawit", "bumbu", "kg", "", 0, 45000, 70000, true},
    {"Cabe merah besar", "bumbu", "kg", "", 0, 25000, 45000, true},
    {"Bawang merah", "bumbu", "kg", "", 0, 22000, 45000, true},
    {"Bawang putih", "bumbu", "kg", "", 0, 32000, 39000, true},
    {"Bawang bombay", "bumbu", "kg", "", 0, 25000, 35000, true},
    {"Jahe", "bumbu", "kg", "", 0, 20000, 35000, true},
    {"Kunyit", "bumbu", "kg", "", 0, 12000, 20000, true},
    {"Lengkuas", "bumbu", "kg", "", 0, 10000, 18000, true},
    {"Kemiri", "bumbu", "kg", "", 0, 35000, 50000, true},
    {"Serai", "bumbu", "piece", "ikat", 150, 2000, 3000, false},
    {"Tomat", "sayur", "kg", "", 0, 6000, 15000, true},
    {"Kentang", "sayur", "kg", "", 0, 10000, 16000, true},
    {"Wortel", "sayur", "kg", "", 0, 6000, 10000, true},
    {"Kol", "sayur", "kg", "", 0, 3000, 7000, true},
    {"Buncis", "sayur", "kg", "", 0, 7000, 14000, true},
    {"Kangkung", "sayur", "piece", "ikat", 250, 1500, 3000, false},
    {"Bayam", "sayur", "piece", "ikat", 200, 1500, 3000, false},
    {"Sawi hijau", "sayur", "piece", "ikat", 300, 2000, 3500, false},
    {"Daun singkong", "sayur", "piece", "ikat", 250, 1000, 2500, false},
    {"Kacang panjang", "sayur", "piece", "ikat", 250, 2000, 5000, false},
    {"Terong ungu", "sayur", "kg", "", 0, 6000, 10000, true},
    {"Timun", "sayur", "kg", "", 0, 5000, 9000, true},
    {"Labu siam", "sayur", "kg", "", 0, 4000, 7000, true},
    {"Jagung manis", "sayur", "piece", "buah", 300, 2000, 2500, false},
    {"Daun bawang", "sayur", "piece", "ikat", 100, 2000, 4000, false},
    {"Ikan tongkol", "ikan", "kg", "", 0, 25000, 35000, true},
    {"Ikan kembung", "ikan", "kg", "", 0, 35000, 40000, true},
    {"Ikan tenggiri", "ikan", "kg", "", 0, 45000, 65000, true},
    {"Ikan ekor kuning", "ikan", "kg", "", 0, 25000, 30000, true},
    {"Ikan selar", "ikan", "kg", "", 0, 30000, 35000, true},
    {"Ikan kakap merah", "ikan", "kg", "", 0, 40000, 55000, true},
    {"Ikan bawal", "ikan", "kg", "", 0, 35000, 55000, true},
    {"Ikan simba", "ikan", "kg", "", 0, 35000, 40000, true},
    {"Cumi", "seafood", "kg", "", 0, 40000, 60000, true},
    {"Udang vaname", "seafood", "kg", "", 0, 60000, 100000, true},
    {"Rajungan", "seafood", "kg", "", 0, 40000, 80000, true},
    {"Kerang hijau", "seafood", "kg", "", 0, 15000, 25000, true},
    {"Teri nasi", "ikan_asin", "kg", "", 0, 80000, 120000, true},
    {"Teri jengki", "ikan_asin", "kg", "", 0, 60000, 90000, true},
    {"Ikan asin jambal", "ikan_asin", "kg", "", 0, 90000, 140000, true},
    {"Cumi asin", "ikan_asin", "kg", "", 0, 90000, 130000, true},
    {"Daging ayam ras", "daging_ayam", "kg", "", 0, 30000, 40000, true},
    {"Ayam kampung", "daging_ayam", "piece", "ekor", 1000, 70000, 95000, true},
    {"Ati ampela ayam", "daging_ayam", "kg", "", 0, 25000, 35000, true},
    {"Daging sapi", "daging_ayam", "kg", "", 0, 120000, 135000, true},
    {"Tetelan sapi", "daging_ayam", "kg", "", 0, 60000, 80000, true},
    {"Telur ayam ras", "telur", "kg", "", 0, 27000, 30000, false},
    {"Telur ayam kampung", "telur", "piece", "butir", 45, 2000, 2800, false},
    {"Telur bebek", "telur", "piece", "butir", 65, 2500, 3500, false},
    {"Tahu putih", "tahu_tempe", "piece", "biji", 80, 500, 1000, false},
    {"Tahu kuning", "tahu_tempe", "piece", "biji", 80, 700, 1200, false},
    {"Tempe", "tahu_tempe", "piece", "papan", 500, 5000, 8000, false},
    {"Oncom", "tahu_tempe", "piece", "bungkus", 200, 2000, 3000, false},
    {"Beras medium", "sembako", "kg", "", 0, 13500, 15500, false},
    {"Beras premium", "sembako", "kg", "", 0, 15000, 17000, false},
    {"Gula pasir", "sembako", "kg", "", 0, 17000, 18200, false},
    {"Minyak goreng curah", "sembako", "liter", "", 0, 15700, 17000, false},
    {"Tepung terigu", "sembako", "kg", "", 0, 11000, 13000, false},
    {"Kacang tanah", "sembako", "kg", "", 0, 25000, 32000, false},
    {"Kelapa", "buah", "piece", "gandeng", 1600, 9000, 12000, false},
    {"Pisang kepok", "buah", "piece", "sisir", 1500, 15000, 25000, false},
    {"Jeruk nipis", "buah", "kg", "", 0, 12000, 20000, true},
    {"Pepaya", "buah", "piece", "buah", 1500, 8000, 15000, false},
    {"Semangka", "buah", "kg", "", 0, 6000, 9000, true},
};
constexpr size_t TEMPLATE_COUNT = sizeof(TEMPLATES) / sizeof(TEMPLATES[0]);

const char* const QUALIFIERS[] = {"", "", "", "super", "lokal", "segar", "besar", "kecil", "pilihan",
                                  "grade A", "grade B", "organik", "curah", "impor"};

struct RegionSeed {
    const char* id;
    const char* name;
    bool kota;
};
const RegionSeed REGIONS[15] = {
    {"bandar-lampung", "Bandar Lampung", true},   {"metro", "Metro", true},
    {"lampung-barat", "Lampung Barat", false},     {"lampung-selatan", "Lampung Selatan", false},
    {"lampung-tengah", "Lampung Tengah", false},   {"lampung-timur", "Lampung Timur", false},
    {"lampung-utara", "Lampung Utara", false},     {"mesuji", "Mesuji", false},
    {"pesawaran", "Pesawaran", false},             {"pesisir-barat", "Pesisir Barat", false},
    {"pringsewu", "Pringsewu", false},             {"tanggamus", "Tanggamus", false},
    {"tulang-bawang", "Tulang Bawang", false},     {"tulang-bawang-barat", "Tulang Bawang Barat", false},
    {"way-kanan", "Way Kanan", false},
};

const char* const MARKET_WORDS[] = {"Induk", "Baru", "Pagi", "Sentral", "Inpres", "Bawah", "Tani", "Rakyat"};
const char* const AREAS[] = {"Kedaton", "Rajabasa", "Sukarame", "Way Halim", "Kemiling", "Enggal",
                             "Panjang", "Sukabumi", "Bumi Waras", "Kedamaian", "Labuhan Ratu", "Langkapura"};
const char* const STALL_PLACES[] = {"Los", "Kios", "Lapak", "Meja"};

std::string Slug(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c >= 'A' && c <= 'Z') out += char(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

FeeRule RandomFeeRule(Rng* rng) {
    FeeRule rule;
    switch (RandomBetween(rng, 0, 2)) {
        case 0:
            rule.kind = FeeRuleKind::Flat;
            rule.fee_rp = RandomBetween(rng, 5, 6) * 1000;
            break;
        case 1:
            rule.kind = FeeRuleKind::MinPlusPerKm;
            rule.min_fee_rp = RandomBetween(rng, 8, 10) * 1000;
            rule.min_distance_m = 4000;
            rule.per_km_rp = RandomBetween(rng, 4, 5) * 500;
            break;
        default:
            rule.kind = FeeRuleKind::Zones;
            rule.zones = {{3000, 5000}, {7000, 10000}, {15000, 15000}};
            break;
    }
    return rule;
}

Product MakeProduct(Rng* rng, const std::string& id, int date_day) {
    const Template& t = TEMPLATES[RandomBetween(rng, 0, TEMPLATE_COUNT - 1)];
    const char* qualifier = QUALIFIERS[RandomBetween(rng, 0, sizeof(QUALIFIERS) / sizeof(QUALIFIERS[0]) - 1)];
    Product p;
    p.id = id;
    p.name = t.name;
    if (qualifier[0]) p.name += std::string(" ") + qualifier;
    p.category = t.category;
    p.unit = ParseBaseUnit(t.unit);
    if (p.unit == BaseUnit::Piece) {
        p.piece_name = t.piece_name;
        p.piece_weight_g = t.piece_weight_g;
    }
    p.price_rp = RandomBetween(rng, t.low_rp / 100, t.high_rp / 100) * 100;
    p.price_date = "2026-11-" + std::to_string(date_day);
    p.steps = MakeDefaultSteps(p.unit, p.piece_name);
    p.weighed = t.weighed && p.unit == BaseUnit::Kg;
    p.free_qty = p.unit != BaseUnit::Liter;
    int64_t roll = RandomBetween(rng, 0, 99);
    p.availability = roll < 85 ? Availability::Tersedia : roll < 95 ? Availability::Terbatas : Availability::Habis;
    if (RandomBetween(rng, 0, 9) == 0) {
        p.ref_price_rp = (t.low_rp + t.high_rp) / 2;
        p.ref_price_date = p.price_date;
    }
    return p;
}

}  // namespace

Catalog GenerateCatalog(const GeneratorOptions& options) {
    Rng rng{options.seed};
    CatalogIndex index;
    index.catalog_version = options.catalog_version;
    int region_count = options.region_count < 1 ? 1 : options.region_count > 15 ? 15 : options.region_count;
    for (int r = 0; r < region_count; ++r)
        index.regions.push_back({REGIONS[r].id, REGIONS[r].name, REGIONS[r].kota ? RegionKind::Kota : RegionKind::Kabupaten});
    const char* const CATEGORIES[][3] = {
        {"sayur", "Sayur", "Vegetables"},          {"bumbu", "Bumbu dapur", "Spices"},
        {"ikan", "Ikan segar", "Fresh fish"},       {"seafood", "Seafood", "Seafood"},
        {"ikan_asin", "Ikan asin", "Dried fish"},   {"daging_ayam", "Daging & ayam", "Meat and chicken"},
        {"telur", "Telur", "Eggs"},                 {"tahu_tempe", "Tahu & tempe", "Tofu and tempeh"},
        {"sembako", "Sembako", "Staples"},          {"buah", "Buah", "Fruit"}};
    for (const auto& c : CATEGORIES) index.categories.push_back({c[0], c[1], c[2]});
    for (const char* a : AREAS) index.areas.push_back({Slug(a), a});

    std::vector<MarketFile> files;
    for (int r = 0; r < region_count; ++r) {
        for (int k = 0; k < options.markets_per_region; ++k) {
            MarketInfo m;
            const char* word = MARKET_WORDS[k % 8];
            m.name = std::string("Pasar ") + word + " " + REGIONS[r].name + (k >= 8 ? " " + std::to_string(k / 8 + 1) : "");
            m.id = Slug(m.name);
            m.region_id = REGIONS[r].id;
            m.kind = k % 5 == 4 ? MarketKind::Koperasi : MarketKind::Pasar;
            m.kecamatan = AREAS[RandomBetween(&rng, 0, 11)];
            m.address = "Jl. Pasar " + std::string(word) + " No. " + std::to_string(RandomBetween(&rng, 1, 99));
            m.hours.open_min = int(RandomBetween(&rng, 3, 7)) * 60;
            m.hours.close_min = m.hours.open_min + 9 * 60;
            m.hours.order_cutoff_min = m.hours.close_min - 3 * 60;
            m.known_for_id = "Sayur, bumbu dan ikan segar setiap hari";
            m.known_for_en = "Vegetables, spices and fresh fish every day";
            if (k % 4 == 3) m.auction_days = {1, 4};
            m.pickup_point = "Kantor koperasi pasar, pintu utama";
            m.delivery.methods.push_back({DeliveryMethod::Pickup, FeeRule{FeeRuleKind::Flat, 0, 0, 0, 0, {}}});
            m.delivery.methods.push_back({DeliveryMethod::CoopCourier, RandomFeeRule(&rng)});
            if (RandomBetween(&rng, 0, 1) == 1) m.delivery.methods.push_back({DeliveryMethod::Ojek, RandomFeeRule(&rng)});
            m.delivery.min_order_rp = RandomBetween(&rng, 0, 4) * 5000;
            m.delivery.free_above_rp = RandomBetween(&rng, 0, 1) == 1 ? 150000 : 0;
            m.delivery.max_distance_m = 15000;
            for (const Area& area : index.areas)
                m.area_distance_m.push_back({area.id, RandomBetween(&rng, 3, 180) * 100});
            std::sort(m.area_distance_m.begin(), m.area_distance_m.end(),
                      [](const AreaDistance& a, const AreaDistance& b) { return a.area_id < b.area_id; });
            m.file = "markets/" + m.id + ".json";

            MarketFile file;
            file.market_id = m.id;
            file.catalog_version = options.catalog_version;
            for (int s = 0; s < options.stalls_per_market; ++s) {
                Stall stall;
                stall.id = m.id + ".s" + std::to_string(s + 1);
                const char* place = STALL_PLACES[RandomBetween(&rng, 0, 3)];
                stall.kind = "campuran";
                stall.name = std::string(place) + " Campuran Blok " + char('A' + s % 6) + " No. " + std::to_string(s + 1);
                stall.location = "Lantai dasar, lorong " + std::to_string(s % 4 + 1);
                if (s % 3 == 0) stall.phone = "+62812" + std::to_string(10000000 + RandomBetween(&rng, 0, 89999999));
                if (s % 4 == 0) {
                    std::string nmid = "ID10" + std::to_string(1000000000LL + RandomBetween(&rng, 0, 899999999));
                    std::string name = "LAPAK " + std::to_string(s + 1) + " " + std::string(word);
                    for (char& c : name) c = (c >= 'a' && c <= 'z') ? char(c - 32) : c;
                    std::string account = "0014ID.CO.QRIS.WWW02" + std::to_string(nmid.size()) + nmid + "0303UMI";
                    stall.qris = EncodeQrisWithCrc({{"00", "01"}, {"01", "11"}, {"51", account}, {"52", "5411"},
                                                    {"53", "360"}, {"58", "ID"}, {"59", name.substr(0, 25)},
                                                    {"60", "BANDAR LAMPUNG"}});
                }
                for (int p = 0; p < options.products_per_stall; ++p)
                    stall.products.push_back(MakeProduct(&rng, stall.id + ".p" + std::to_string(p + 1),
                                                         int(RandomBetween(&rng, 20, 28))));
                m.product_count += int64_t(stall.products.size());
                file.stalls.push_back(std::move(stall));
            }
            m.stall_count = int64_t(file.stalls.size());
            index.markets.push_back(std::move(m));
            files.push_back(std::move(file));
        }
    }
    Catalog catalog = MakeCatalog(std::move(index));
    for (size_t i = 0; i < files.size(); ++i) InstallMarket(&catalog, i, std::move(files[i]), nullptr);
    return catalog;
}

GeneratedFiles EncodeCatalogFiles(const Catalog& catalog) {
    GeneratedFiles out;
    out.index_json = EncodeCatalogIndex(catalog.index);
    for (const auto& market : catalog.markets) out.market_json.push_back(market ? EncodeMarketFile(*market) : "");
    return out;
}

}  // namespace pasar
