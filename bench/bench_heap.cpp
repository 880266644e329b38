// Wasm heap with a province-size catalogue (20,160 products) loaded the way the app loads it.
//
// Three runs of the same wasm binary under node (bench/run.mjs drives them):
//   bench_heap write DIR   generates the catalogue and writes index.json + markets/*.json into DIR
//   bench_heap load DIR    reads index.json, then each market file one at a time (read, decode, install,
//                          drop the text) and builds the search index: the core data a phone holds once
//                          every market is open. Measured in a fresh process, so the generator's own
//                          memory does not count.
//   bench_heap empty       the baseline: the same binary doing nothing.
// Each prints the wasm memory size (what the phone commits; wasm memory never shrinks), malloc's
// high-water mark (dlmalloc's max footprint) and the bytes still allocated, plus one "BENCH_JSON {...}".
// Only the core's data: the app adds ImGui's font atlas and draw buffers (the "empty" baseline of the
// browser benchmark covers those).
#include <emscripten/heap.h>
#include <malloc.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "bench_stats.h"
#include "core/catalog.h"
#include "core/catalog_gen.h"
#include "core/search.h"

namespace {

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return true;
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

void Report(const char* mode, size_t products, double load_ms) {
  struct mallinfo mi = mallinfo();
  size_t memory = emscripten_get_heap_size();
  std::printf("%s: %zu products; wasm memory %.2f MB, malloc high-water %.2f MB, still allocated %.2f MB\n", mode,
              products, memory / 1048576.0, mi.usmblks / 1048576.0, mi.uordblks / 1048576.0);
  std::printf("BENCH_JSON {\"bench\":\"heap\",\"mode\":\"%s\",\"products\":%zu,\"memory_bytes\":%zu,"
              "\"malloc_high_water_bytes\":%zu,\"allocated_bytes\":%zu,\"load_ms\":%.3f}\n",
              mode, products, memory, static_cast<size_t>(mi.usmblks), static_cast<size_t>(mi.uordblks), load_ms);
}

int Write(const std::string& dir) {
  pasar::Catalog catalog = pasar::GenerateCatalog(pasar::GeneratorOptions{});
  pasar::GeneratedFiles files = pasar::EncodeCatalogFiles(catalog);
  if (!WriteFile(dir + "/index.json", files.index_json)) {
    std::fprintf(stderr, "cannot write %s/index.json\n", dir.c_str());
    return 1;
  }
  for (size_t i = 0; i < files.market_json.size(); i++) {
    std::string path = dir + "/" + catalog.index.markets[i].file;
    if (!WriteFile(path, files.market_json[i])) {
      std::fprintf(stderr, "cannot write %s (does %s/markets exist?)\n", path.c_str(), dir.c_str());
      return 1;
    }
  }
  std::printf("wrote %zu market files to %s\n", files.market_json.size(), dir.c_str());
  return 0;
}

int Load(const std::string& dir) {
  double started = pasar_bench::NowUs();
  std::string text;
  if (!ReadFile(dir + "/index.json", &text)) {
    std::fprintf(stderr, "cannot read %s/index.json\n", dir.c_str());
    return 1;
  }
  pasar::Decoded<pasar::CatalogIndex> index = pasar::DecodeCatalogIndex(text);
  if (!index.ok) {
    std::fprintf(stderr, "index.json: %s\n", pasar::FormatDecodeError(index.error).c_str());
    return 1;
  }
  pasar::Catalog catalog = pasar::MakeCatalog(std::move(index.value));
  size_t products = 0;
  for (size_t i = 0; i < catalog.index.markets.size(); i++) {
    std::string market_text;
    const std::string path = dir + "/" + catalog.index.markets[i].file;
    if (!ReadFile(path, &market_text)) {
      std::fprintf(stderr, "cannot read %s\n", path.c_str());
      return 1;
    }
    pasar::DecodeError error;
    if (!pasar::LoadMarketFile(&catalog, i, market_text, &error)) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(), pasar::FormatDecodeError(error).c_str());
      return 1;
    }
    products += static_cast<size_t>(catalog.index.markets[i].product_count);
  }
  std::string().swap(text);
  pasar::SearchIndex search = pasar::BuildSearchIndex(catalog);
  pasar::SearchResults warm = pasar::QuerySearch(search, "bawang merah", 50);  // scratch buffers in use
  double finished = pasar_bench::NowUs();
  if (warm.hits.empty()) {
    std::fprintf(stderr, "the loaded catalogue finds no \"bawang merah\": not a real catalogue\n");
    return 1;
  }
  Report("load", products, (finished - started) / 1000.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "write") == 0) return Write(argv[2]);
  if (argc == 3 && std::strcmp(argv[1], "load") == 0) return Load(argv[2]);
  if (argc == 2 && std::strcmp(argv[1], "empty") == 0) {
    Report("empty", 0, 0.0);
    return 0;
  }
  std::fprintf(stderr, "usage: bench_heap write DIR | load DIR | empty\n");
  return 2;
}
