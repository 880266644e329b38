// A generator of large synthetic catalogues for tests and benchmarks.
//
// The pilot catalogue has 14 markets and about a thousand products; the province-wide target is
// 15 regencies and 20,000+ products. GenerateCatalog builds such a catalogue deterministically from
// a seed (same seed, same bytes on every platform: only integer arithmetic and a splitmix64 stream),
// with realistic names, units, sale steps and Bandar Lampung price ranges, and with every market
// loaded. Everything it makes passes the decoders' validation, so it doubles as a fuzz seed source.
#pragma once

#include <cstdint>
#include <string>

#include "core/catalog.h"

namespace pasar {

struct GeneratorOptions {
    uint64_t seed = 1;
    int region_count = 15;        // at most 15 (Lampung's regencies and cities)
    int markets_per_region = 4;
    int stalls_per_market = 12;
    int products_per_stall = 28;  // 15 * 4 * 12 * 28 = 20,160 products
    std::string catalog_version = "2026-11-29.synthetic";
};

// Deterministic 64-bit stream (splitmix64).
struct Rng {
    uint64_t state = 0;
};
uint64_t NextRandom(Rng* rng);
int64_t RandomBetween(Rng* rng, int64_t low, int64_t high);  // inclusive

Catalog GenerateCatalog(const GeneratorOptions& options);

// Index and market files as JSON text (as they would be served), for decode benchmarks and tests.
struct GeneratedFiles {
    std::string index_json;
    std::vector<std::string> market_json;  // same order as the index's markets
};
GeneratedFiles EncodeCatalogFiles(const Catalog& catalog);

}  // namespace pasar
