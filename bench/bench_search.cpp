// Search as you type over a generated province-size catalogue (20,160 products), one figure per keystroke.
//
// A buyer types a query letter by letter; each prefix ("b", "ba", "baw", ...) is one QuerySearch for the
// 50 best hits, timed alone. The queries are what buyers in Bandar Lampung type, including a synonym
// ("cabe" for cabai, "telor" for telur) and a typo ("bawnag"). The baseline in the same run is the
// simplest correct search: a substring scan of every folded name (NaiveSubstringSearch), same keystrokes.
// Built natively (cmake/bench_native.cmake) and as wasm run under node (cmake/bench_web.cmake), so the
// two can be compared. Prints a readable summary and one "BENCH_JSON {...}" line for bench/run.mjs.
// One- and two-letter keystrokes are answered from rankings made when the index is built (search.h), so
// the index build time printed includes that work and the cache's size is printed beside it.
//
// Usage: bench_search [rounds]   (default 10 rounds of every keystroke of every query)
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "bench_stats.h"
#include "core/catalog_gen.h"
#include "core/search.h"

namespace {

constexpr const char* QUERIES[] = {
    "bawang merah", "cabe rawit", "ikan tongkol", "telor ayam", "tahu", "beras premium", "daging sapi",
    "udang", "minyak goreng", "bawnag putih", "ikan asin", "kacang panjang", "jeruk nipis", "ayam kampung",
};
constexpr size_t MAX_HITS = 50;

size_t CountProducts(const pasar::Catalog& catalog) {
  size_t n = 0;
  for (const auto& market : catalog.markets) {
    if (!market) continue;
    for (const auto& stall : market->stalls) n += stall.products.size();
  }
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  using pasar_bench::NowUs;
  int rounds = argc > 1 ? std::atoi(argv[1]) : 10;
  if (rounds < 1) rounds = 1;

  double t0 = NowUs();
  pasar::Catalog catalog = pasar::GenerateCatalog(pasar::GeneratorOptions{});
  double t1 = NowUs();
  pasar::SearchIndex index = pasar::BuildSearchIndex(catalog);
  double t2 = NowUs();
  size_t products = CountProducts(catalog);

  std::vector<std::string> keystrokes;
  for (const char* q : QUERIES) {
    std::string query(q);
    for (size_t k = 1; k <= query.size(); k++) keystrokes.push_back(query.substr(0, k));
  }

  std::vector<double> ranked_us, naive_us;
  size_t ranked_matches = 0, naive_matches = 0;
  for (int r = 0; r < rounds; r++) {
    for (const std::string& typed : keystrokes) {
      double a = NowUs();
      pasar::SearchResults res = pasar::QuerySearch(index, typed, MAX_HITS);
      double b = NowUs();
      ranked_us.push_back(b - a);
      ranked_matches += res.total_matches;
    }
    for (const std::string& typed : keystrokes) {
      double a = NowUs();
      pasar::SearchResults res = pasar::NaiveSubstringSearch(index, typed, MAX_HITS);
      double b = NowUs();
      naive_us.push_back(b - a);
      naive_matches += res.total_matches;
    }
  }
  // Which keystrokes cost most (median over rounds): tells the reader where a p99 comes from.
  std::vector<std::pair<double, std::string>> slowest;
  for (size_t k = 0; k < keystrokes.size(); k++) {
    std::vector<double> per_round;
    for (int r = 0; r < rounds; r++) per_round.push_back(ranked_us[r * keystrokes.size() + k]);
    slowest.push_back({pasar_bench::Summarize(per_round).median_us, keystrokes[k]});
  }
  std::sort(slowest.begin(), slowest.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  pasar_bench::Summary ranked = pasar_bench::Summarize(ranked_us);
  pasar_bench::Summary naive = pasar_bench::Summarize(naive_us);

  // The final query of each word list must find something, or the benchmark measured nothing useful.
  size_t empty_finals = 0;
  for (const char* q : QUERIES) {
    if (pasar::QuerySearch(index, q, MAX_HITS).hits.empty()) {
      std::fprintf(stderr, "query \"%s\" found nothing in the generated catalogue\n", q);
      empty_finals++;
    }
  }

  std::printf("catalogue: %zu products in %zu markets, generated in %.1f ms; search index built in %.1f ms\n",
              products, catalog.markets.size(), (t1 - t0) / 1000.0, (t2 - t1) / 1000.0);
  std::printf("%zu keystrokes x %d rounds, top %zu hits each\n", keystrokes.size(), rounds, MAX_HITS);
  std::printf("ranked search (QuerySearch):   median %.1f us  p95 %.1f us  p99 %.1f us  max %.1f us\n",
              ranked.median_us, ranked.p95_us, ranked.p99_us, ranked.max_us);
  std::printf("baseline substring scan:       median %.1f us  p95 %.1f us  p99 %.1f us  max %.1f us\n",
              naive.median_us, naive.p95_us, naive.p99_us, naive.max_us);
  size_t cache_bytes = index.cached_docs.size() * (sizeof(uint32_t) + sizeof(uint8_t)) +
                       index.cached_starts.size() * sizeof(uint32_t);
  for (const std::string& q : index.cached_queries) cache_bytes += sizeof(std::string) + (q.size() > 15 ? q.size() + 1 : 0);
  std::printf("short one-word queries ranked at index build: %zu queries, %zu ranked entries, %.0f KB\n",
              index.cached_queries.size(), index.cached_docs.size(), cache_bytes / 1024.0);
  // Where the single slowest sample fell: a first-round maximum is the wasm engine warming up (lazy
  // compilation, tier-up) or the process being descheduled, not the search's own work.
  size_t max_at = 0;
  for (size_t i = 1; i < ranked_us.size(); i++)
    if (ranked_us[i] > ranked_us[max_at]) max_at = i;
  std::printf("slowest single sample (ranked): \"%s\" in round %zu of %d, %.0f us\n",
              keystrokes[max_at % keystrokes.size()].c_str(), max_at / keystrokes.size() + 1, rounds,
              ranked_us.empty() ? 0.0 : ranked_us[max_at]);
  std::printf("slowest keystrokes (ranked, median over rounds):");
  for (size_t i = 0; i < slowest.size() && i < 5; i++) {
    std::printf(" \"%s\" %.0f us%s", slowest[i].second.c_str(), slowest[i].first, i + 1 < 5 ? "," : "\n");
  }
  std::printf("BENCH_JSON {\"bench\":\"search\",\"products\":%zu,\"keystrokes\":%zu,\"rounds\":%d,"
              "\"generate_ms\":%.3f,\"index_ms\":%.3f,\"ranked\":%s,\"naive\":%s,"
              "\"ranked_matches\":%zu,\"naive_matches\":%zu,\"empty_final_queries\":%zu,"
              "\"slowest_keystroke_median_us\":%.3f,\"cached_queries\":%zu,\"cache_bytes\":%zu}\n",
              products, keystrokes.size(), rounds, (t1 - t0) / 1000.0, (t2 - t1) / 1000.0,
              pasar_bench::SummaryJson(ranked).c_str(), pasar_bench::SummaryJson(naive).c_str(), ranked_matches,
              naive_matches, empty_finals, slowest.empty() ? 0.0 : slowest[0].first, index.cached_queries.size(),
              cache_bytes);
  return empty_finals == 0 ? 0 : 1;
}
