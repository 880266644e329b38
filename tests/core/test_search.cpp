#include <catch2/catch.hpp>

#include <chrono>

#include "core/catalog_gen.h"
#include "core/search.h"

using namespace pasar;

// A hand-made market so that every expected result is visible in the test.
static Catalog NamesCatalog(const std::vector<std::vector<std::string>>& markets) {
    CatalogIndex index;
    std::vector<MarketFile> files;
    for (size_t m = 0; m < markets.size(); ++m) {
        MarketInfo info;
        info.id = "pasar-" + std::to_string(m);
        index.markets.push_back(info);
        MarketFile file;
        file.market_id = info.id;
        Stall stall;
        stall.id = info.id + ".s1";
        for (size_t p = 0; p < markets[m].size(); ++p) {
            Product product;
            product.id = stall.id + ".p" + std::to_string(p);
            product.name = markets[m][p];
            stall.products.push_back(product);
        }
        file.stalls.push_back(stall);
        files.push_back(file);
    }
    Catalog catalog = MakeCatalog(index);
    for (size_t m = 0; m < files.size(); ++m) InstallMarket(&catalog, m, files[m], nullptr);
    return catalog;
}

static std::vector<std::string> Names(const Catalog& c, const SearchResults& r) {
    std::vector<std::string> names;
    for (const SearchHit& h : r.hits)
        names.push_back(c.markets[h.ref.market_pos]->stalls[h.ref.stall_pos].products[h.ref.product_pos].name);
    return names;
}

TEST_CASE("search: folds case and accents") {
    CHECK(FoldForSearch("Cabai  MERAH, Keriting!") == "cabai merah keriting");
    CHECK(FoldForSearch("Caf\xC3\xA9 Kop\xC3\xAD") == "cafe kopi");
    CHECK(FoldForSearch("  ") == "");
    CHECK(SplitWords("ikan  asin jambal") == std::vector<std::string>{"ikan", "asin", "jambal"});
}

TEST_CASE("search: edit distance 1 with swaps") {
    CHECK(IsWithinOneEdit("tomat", "tomat"));
    CHECK(IsWithinOneEdit("tomta", "tomat"));     // swap
    CHECK(IsWithinOneEdit("kangkng", "kangkung")); // deletion
    CHECK(IsWithinOneEdit("bayamm", "bayam"));     // insertion
    CHECK(IsWithinOneEdit("wortal", "wortel"));    // substitution
    CHECK_FALSE(IsWithinOneEdit("wartal", "wortel"));
    CHECK_FALSE(IsWithinOneEdit("tomat", "kentang"));
}

TEST_CASE("search: ranks exact > prefix > synonym > typo across markets") {
    Catalog c = NamesCatalog({{"Lombok ijo", "Cabai rawit", "Tomat"}, {"Cabe merah", "Cabaii keriting", "Cabe"}});
    SearchIndex index = BuildSearchIndex(c);
    SearchResults r = QuerySearch(index, "cabe", 10);
    // Exact "cabe" (shorter name first), then the synonyms cabai and lombok in catalogue order.
    std::vector<std::string> names = Names(c, r);
    REQUIRE(names.size() >= 4);
    CHECK(names[0] == "Cabe");
    CHECK(names[1] == "Cabe merah");
    CHECK(r.hits[0].kind == MatchKind::Exact);
    CHECK(r.hits[2].kind == MatchKind::Synonym);
    CHECK(names[2] == "Lombok ijo");
    CHECK(names[3] == "Cabai rawit");
    CHECK(r.hits[0].ref.market_pos == 1);
    CHECK(r.hits[2].ref.market_pos == 0);

    SearchResults cab = QuerySearch(index, "caba", 10);
    // Typing "caba": words starting with it first, then cabai's synonyms (cabe, lombok).
    REQUIRE(cab.hits.size() == 5);
    CHECK(Names(c, cab)[0] == "Cabai rawit");
    CHECK(Names(c, cab)[1] == "Cabaii keriting");
    CHECK(cab.hits[1].kind == MatchKind::Prefix);
    CHECK(cab.hits[2].kind == MatchKind::Synonym);
    CHECK(Names(c, cab)[2] == "Cabe");

    SearchResults typo = QuerySearch(index, "tomta", 10);
    REQUIRE(typo.hits.size() == 1);
    CHECK(typo.hits[0].kind == MatchKind::Typo);
}

TEST_CASE("search: Indonesian synonyms and variants") {
    Catalog c = NamesCatalog({{"Bawang bombai", "Telur ayam ras", "Daging ayam ras", "Teri nasi", "Kubis", "Tomat"}});
    SearchIndex index = BuildSearchIndex(c);
    CHECK(Names(c, QuerySearch(index, "bawang bombay", 10)) == std::vector<std::string>{"Bawang bombai"});
    CHECK(Names(c, QuerySearch(index, "telor", 10)) == std::vector<std::string>{"Telur ayam ras"});
    CHECK(Names(c, QuerySearch(index, "ayam potong", 10)) == std::vector<std::string>{"Daging ayam ras"});
    CHECK(Names(c, QuerySearch(index, "ikan asin", 10)) == std::vector<std::string>{"Teri nasi"});
    CHECK(Names(c, QuerySearch(index, "kol", 10)) == std::vector<std::string>{"Kubis"});
    CHECK(Names(c, QuerySearch(index, "BAWANG", 10)) == std::vector<std::string>{"Bawang bombai"});
    CHECK(QuerySearch(index, "sepatu", 10).hits.empty());
}

TEST_CASE("search: typos only for words of 4+ letters") {
    Catalog c = NamesCatalog({{"Kol", "Tahu putih", "Kangkung"}});
    SearchIndex index = BuildSearchIndex(c);
    CHECK(QuerySearch(index, "kal", 10).hits.empty());    // 3 letters: no typo match for "kol"
    CHECK(QuerySearch(index, "tahi", 10).hits.size() == 1);  // 4 letters: "tahu"
    CHECK(QuerySearch(index, "kangkng", 10).hits.size() == 1);
    CHECK(QuerySearch(index, "kankg", 10).hits.size() == 1);  // misspelt start of a longer word
}

TEST_CASE("search: every query word must match") {
    Catalog c = NamesCatalog({{"Bawang merah", "Bawang putih", "Cabai merah"}});
    SearchIndex index = BuildSearchIndex(c);
    CHECK(Names(c, QuerySearch(index, "bawang merah", 10)) == std::vector<std::string>{"Bawang merah"});
    CHECK(Names(c, QuerySearch(index, "merah", 10)) == std::vector<std::string>{"Bawang merah", "Cabai merah"});
    CHECK(Names(c, QuerySearch(index, "merah baw", 10)) == std::vector<std::string>{"Bawang merah"});
    CHECK(QuerySearch(index, "   ", 10).hits.empty());
}

TEST_CASE("search: results are stable and the same as repeated queries") {
    Catalog c = GenerateCatalog(GeneratorOptions{});
    SearchIndex index = BuildSearchIndex(c);
    REQUIRE(index.docs.size() >= 20000);
    for (const char* q : {"c", "ca", "cab", "cabe", "bawang m", "telor", "ikan asin", "kangkng"}) {
        SearchResults a = QuerySearch(index, q, 40), b = QuerySearch(index, q, 40);
        INFO(q);
        REQUIRE(a.hits.size() == b.hits.size());
        for (size_t i = 0; i < a.hits.size(); ++i) CHECK(a.hits[i].doc == b.hits[i].doc);
        for (size_t i = 1; i < a.hits.size(); ++i) CHECK(uint8_t(a.hits[i - 1].kind) >= uint8_t(a.hits[i].kind));
        CHECK(a.total_matches >= a.hits.size());
    }
    // The indexed search finds everything the plain substring scan finds for whole words.
    CHECK(QuerySearch(index, "kangkung", 100000).total_matches >= NaiveSubstringSearch(index, "kangkung", 100000).total_matches);
}

TEST_CASE("search: a keystroke over 20,000 products is faster than a substring scan") {
    // Not a timing test against a wall-clock budget (machines differ): compares with the naive scan
    // in the same run, median of many runs. bench/bench_core.cpp prints the absolute figures.
    Catalog c = GenerateCatalog(GeneratorOptions{});
    SearchIndex index = BuildSearchIndex(c);
    auto median_us = [&](auto&& fn) {
        std::vector<double> times;
        for (int i = 0; i < 31; ++i) {
            auto start = std::chrono::steady_clock::now();
            fn();
            times.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
        }
        std::sort(times.begin(), times.end());
        return times[15];
    };
    double indexed = median_us([&] { QuerySearch(index, "kangk", 50); });
    double naive = median_us([&] { NaiveSubstringSearch(index, "kangk", 50); });
    INFO("indexed " << indexed << " us, naive " << naive << " us");
    CHECK(indexed < naive);
}

TEST_CASE("search: a one-letter query lists the best-ranked products first and counts every match") {
    Catalog c = NamesCatalog({{"Ikan bandeng", "Bawang merah", "Gula", "Beras", "Kacang buncis panjang", "Bayam", "Vitamin B"}});
    SearchIndex index = BuildSearchIndex(c);
    // "b" is answered from the ranking made when the index was built.
    CHECK(std::binary_search(index.cached_queries.begin(), index.cached_queries.end(), std::string("b")));
    SearchResults r = QuerySearch(index, "b", 10);
    // The whole word "b" first; then names starting with a b-word, shorter names first, catalogue
    // order between equals; then names with a b-word further in.
    CHECK(Names(c, r) == std::vector<std::string>{"Vitamin B", "Beras", "Bayam", "Bawang merah", "Ikan bandeng",
                                                  "Kacang buncis panjang"});
    REQUIRE(r.hits.size() == 6);
    CHECK(r.hits[0].kind == MatchKind::Exact);
    CHECK(r.hits[1].kind == MatchKind::Prefix);
    CHECK(r.total_matches == 6);

    // Fewer hits asked for: the best ones, and the count still says how many there are in all.
    SearchResults two = QuerySearch(index, "B ", 2);
    CHECK(Names(c, two) == std::vector<std::string>{"Vitamin B", "Beras"});
    CHECK(two.total_matches == 6);
    SearchResults none = QuerySearch(index, "b", 0);
    CHECK(none.hits.empty());
    CHECK(none.total_matches == 6);

    // Two letters narrow it down the same way.
    SearchResults ba = QuerySearch(index, "ba", 10);
    CHECK(Names(c, ba) == std::vector<std::string>{"Bayam", "Bawang merah", "Ikan bandeng"});
    CHECK(ba.total_matches == 3);
    CHECK(QuerySearch(index, "q", 10).hits.empty());
    CHECK(QuerySearch(index, "q", 10).total_matches == 0);
}

TEST_CASE("search: short queries from the prepared ranking equal the full search over 20,000 products") {
    Catalog c = GenerateCatalog(GeneratorOptions{});
    SearchIndex fast = BuildSearchIndex(c);
    SearchIndexOptions full_options;
    full_options.cached_prefix_chars = 0;
    SearchIndex full = BuildSearchIndex(c, full_options);
    REQUIRE(full.cached_queries.empty());
    REQUIRE(fast.cached_queries.size() > 26);
    std::vector<std::string> queries = fast.cached_queries;
    for (const char* q : {"B", " k ", "ba", "Ka", "baw", "x", "zz", "cabe", "ikan t", "b a"}) queries.push_back(q);
    size_t compared = 0;
    for (const std::string& q : queries) {
        for (size_t max_hits : {size_t(0), size_t(1), size_t(50), size_t(400), size_t(100000)}) {
            SearchResults a = QuerySearch(fast, q, max_hits), b = QuerySearch(full, q, max_hits);
            INFO(q << " max_hits " << max_hits);
            REQUIRE(a.total_matches == b.total_matches);
            REQUIRE(a.hits.size() == b.hits.size());
            CHECK(a.hits.size() == std::min(max_hits, b.total_matches));
            bool same = true;
            for (size_t i = 0; i < a.hits.size() && same; ++i)
                same = a.hits[i].doc == b.hits[i].doc && a.hits[i].kind == b.hits[i].kind &&
                       a.hits[i].ref.market_pos == b.hits[i].ref.market_pos &&
                       a.hits[i].ref.stall_pos == b.hits[i].ref.stall_pos &&
                       a.hits[i].ref.product_pos == b.hits[i].ref.product_pos;
            CHECK(same);
            ++compared;
        }
    }
    CHECK(compared == queries.size() * 5);
    // The one-letter queries that made typing slow really are large: each lists thousands of products.
    CHECK(QuerySearch(fast, "b", 50).total_matches > 1000);
}

TEST_CASE("search: typos anywhere in the word, including a letter the name does not have") {
    // The typo scan skips words whose letters differ by more than one edit can explain; these are
    // the one-edit cases that must still get through it.
    Catalog c = NamesCatalog({{"Sawi hijau", "Kangkung", "Tomat", "Bawang merah"}});
    SearchIndex index = BuildSearchIndex(c);
    CHECK(Names(c, QuerySearch(index, "xawi", 10)) == std::vector<std::string>{"Sawi hijau"});   // first letter
    CHECK(Names(c, QuerySearch(index, "aswi", 10)) == std::vector<std::string>{"Sawi hijau"});   // swap
    CHECK(Names(c, QuerySearch(index, "tomatt", 10)) == std::vector<std::string>{"Tomat"});      // extra letter
    CHECK(Names(c, QuerySearch(index, "kengk", 10)) == std::vector<std::string>{"Kangkung"});    // start of a longer word
    CHECK(Names(c, QuerySearch(index, "bawnag mer", 10)) == std::vector<std::string>{"Bawang merah"});
    CHECK(QuerySearch(index, "xywi", 10).hits.empty());  // two edits
    CHECK(QuerySearch(index, "kexgk", 10).hits.empty());
}
