// Core benchmarks: prints figures, never passes or fails on time (machines are shared and noisy).
//
//   search: per-keystroke latency over 20,000+ synthetic products, median and p99 over every prefix
//           of a set of typed queries, beside a naive substring scan in the same run (the baseline);
//   decode: the pilot catalogue (assets/catalog, path from PASAR_ASSETS_DIR or argv[1]) and the
//           synthetic province, beside a plain nlohmann parse of the same text (the floor).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/catalog_gen.h"
#include "core/search.h"

#ifndef PASAR_ASSETS_DIR
#define PASAR_ASSETS_DIR "assets"
#endif

using namespace pasar;
using Clock = std::chrono::steady_clock;

static double Us(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::micro>(b - a).count();
}

static void PrintStats(const char* label, std::vector<double> us) {
    std::sort(us.begin(), us.end());
    double sum = 0;
    for (double u : us) sum += u;
    std::printf("  %-34s n=%-5zu median %8.1f us   p99 %8.1f us   mean %8.1f us\n", label, us.size(),
                us[us.size() / 2], us[std::min(us.size() - 1, us.size() * 99 / 100)], sum / double(us.size()));
}

static bool ReadFile(const std::string& path, std::string* out) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    std::ostringstream s;
    s << f.rdbuf();
    *out = s.str();
    return true;
}

int main(int argc, char** argv) {
    std::string assets = argc > 1 ? argv[1] : PASAR_ASSETS_DIR;

    GeneratorOptions options;
    auto t0 = Clock::now();
    Catalog catalog = GenerateCatalog(options);
    auto t1 = Clock::now();
    SearchIndex index = BuildSearchIndex(catalog);
    auto t2 = Clock::now();
    std::printf("synthetic catalogue: %zu markets, %zu products, %zu distinct words\n", catalog.markets.size(),
                index.docs.size(), index.terms.size());
    std::printf("  generate %.1f ms, build search index %.1f ms\n", Us(t0, t1) / 1000, Us(t1, t2) / 1000);

    const char* typed[] = {"cabai merah", "cabe rawit", "lombok", "bawang bombai", "telor ayam", "ayam potong",
                           "ikan asin", "tongkol", "kangkng", "tomta", "minyak goreng", "beras medium",
                           "tahu putih", "udang vaname", "jeruk nipis", "kelapa"};
    std::vector<std::string> keystrokes;
    for (const char* q : typed)
        for (size_t n = 1; q[n - 1]; ++n) keystrokes.emplace_back(q, n);
    const int ROUNDS = 20;
    std::vector<double> indexed, naive;
    size_t sink = 0;
    for (int r = 0; r < ROUNDS; ++r) {
        for (const std::string& k : keystrokes) {
            auto a = Clock::now();
            sink += QuerySearch(index, k, 50).total_matches;
            auto b = Clock::now();
            sink += NaiveSubstringSearch(index, k, 50).total_matches;
            auto c = Clock::now();
            indexed.push_back(Us(a, b));
            naive.push_back(Us(b, c));
        }
    }
    std::printf("search per keystroke (%zu keystrokes x %d rounds, top 50 ranked):\n", keystrokes.size(), ROUNDS);
    PrintStats("indexed QuerySearch", indexed);
    PrintStats("baseline: naive substring scan", naive);

    std::string index_text;
    if (ReadFile(assets + "/catalog/index.json", &index_text)) {
        std::vector<std::string> files;
        Decoded<CatalogIndex> probe = DecodeCatalogIndex(index_text);
        if (probe.ok) {
            for (const MarketInfo& m : probe.value.markets) {
                std::string text;
                ReadFile(assets + "/catalog/" + m.file, &text);
                files.push_back(text);
            }
        }
        size_t bytes = index_text.size();
        for (const std::string& f : files) bytes += f.size();
        std::vector<double> decode_us, parse_us;
        for (int r = 0; r < 30; ++r) {
            auto a = Clock::now();
            Decoded<CatalogIndex> idx = DecodeCatalogIndex(index_text);
            Catalog pilot = MakeCatalog(idx.value);
            for (size_t i = 0; i < files.size(); ++i) LoadMarketFile(&pilot, i, files[i], nullptr);
            auto b = Clock::now();
            sink += Json::parse(index_text, nullptr, false).size();
            for (const std::string& f : files) sink += Json::parse(f, nullptr, false).size();
            auto c = Clock::now();
            decode_us.push_back(Us(a, b));
            parse_us.push_back(Us(b, c));
        }
        std::printf("pilot catalogue decode (index + %zu market files, %zu KB):\n", files.size(), bytes / 1024);
        PrintStats("decode + validate all", decode_us);
        PrintStats("baseline: nlohmann parse only", parse_us);
    } else {
        std::printf("pilot catalogue not found under %s/catalog: decode not measured\n", assets.c_str());
    }

    GeneratedFiles synthetic = EncodeCatalogFiles(catalog);
    size_t synthetic_bytes = synthetic.index_json.size();
    for (const std::string& f : synthetic.market_json) synthetic_bytes += f.size();
    auto a = Clock::now();
    Decoded<CatalogIndex> idx = DecodeCatalogIndex(synthetic.index_json);
    Catalog again = MakeCatalog(idx.value);
    for (size_t i = 0; i < synthetic.market_json.size(); ++i) LoadMarketFile(&again, i, synthetic.market_json[i], nullptr);
    auto b = Clock::now();
    for (const std::string& f : synthetic.market_json) sink += Json::parse(f, nullptr, false).size();
    auto c = Clock::now();
    std::printf("synthetic province decode (%zu KB): decode + validate %.1f ms, baseline parse only %.1f ms\n",
                synthetic_bytes / 1024, Us(a, b) / 1000, Us(b, c) / 1000);
    std::printf("(checksum %zu)\n", sink);
    return 0;
}
