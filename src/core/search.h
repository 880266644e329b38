// Search as you type, in Indonesian, across every loaded market.
//
// The index is built once per catalogue load; each keystroke then costs a few microseconds per
// matching product instead of a scan of every name. How a query matches a product name:
//   - text is folded: lower case, accents removed ("é" -> "e"), punctuation to spaces;
//   - every query word must match some word of the name (AND), in any order;
//   - a query word matches a name word as Exact (same word), Prefix (the start of it: "bawa"),
//     Synonym (same thing by another name: cabe/cabai/lombok, telor/telur, bawang bombay/bombai,
//     ayam potong/ayam ras, ikan asin/teri, ...; phrases of two words included), or Typo (one
//     insertion, deletion, substitution or swap of neighbours, for words of 4+ letters).
// A product's class is its weakest word's class. Results rank Exact > Prefix > Synonym > Typo, then
// by the sum over words, then names that start with the first query word, then shorter names, and
// finally catalogue order (market, stall, product) so equal results never shuffle between keystrokes.
//
// Short queries: one or two letters typed alone match a large part of any catalogue ("b" matches every
// bawang, beras, buah, bandeng ...), and ranking all of them on each keystroke is the slowest search
// there is. BuildSearchIndex therefore ranks every one-word query of up to SearchIndexOptions::
// cached_prefix_chars characters that can match anything (each prefix of a name word) once, and
// QuerySearch answers them by copying the first max_hits of that list. The list holds every match in
// final order, so hits, their kinds and total_matches are exactly what the full query would give.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"

namespace pasar {

// Lower case ASCII, Latin accents folded, anything else not a letter or digit becomes a space;
// runs of spaces collapse and the result is trimmed.
std::string FoldForSearch(std::string_view text);
std::vector<std::string> SplitWords(std::string_view folded);

// OSA edit distance (insert, delete, substitute, swap neighbours) is at most 1.
bool IsWithinOneEdit(std::string_view a, std::string_view b);

enum class MatchKind : uint8_t { None = 0, Typo = 1, Synonym = 2, Prefix = 3, Exact = 4 };
const char* MatchKindName(MatchKind kind);

constexpr size_t MIN_TYPO_WORD_CHARS = 4;
constexpr size_t MAX_QUERY_WORDS = 8;

struct SearchDoc {
    uint32_t market_pos = 0;
    uint32_t stall_pos = 0;
    uint32_t product_pos = 0;
};

struct SearchHit {
    uint32_t doc = 0;  // ordinal in SearchIndex::docs
    SearchDoc ref;
    MatchKind kind = MatchKind::None;  // the product's weakest word
};

struct SearchResults {
    std::vector<SearchHit> hits;  // best first, at most max_hits
    size_t total_matches = 0;     // before the cut to max_hits
};

struct SearchIndexOptions {
    // One-word queries of up to this many characters are ranked when the index is built; 0 turns
    // that off (every query then runs in full, e.g. to check the cache against the full path).
    size_t cached_prefix_chars = 2;
};

struct SearchIndex {
    std::vector<SearchDoc> docs;              // catalogue order
    std::vector<std::string> folded_names;    // per doc
    std::vector<uint8_t> word_counts;         // per doc, capped at 255
    std::vector<uint32_t> first_terms;        // per doc: term id of the name's first word
    std::vector<std::string> terms;           // sorted vocabulary of name words
    std::vector<uint32_t> term_starts;        // CSR: docs of term t are postings[term_starts[t] .. [t+1])
    std::vector<uint32_t> postings;
    std::vector<uint32_t> concept_starts;     // CSR over synonym groups
    std::vector<uint32_t> concept_postings;
    // Ranked answers to short one-word queries (see above): query q = cached_queries[i] (sorted,
    // folded) has every match, best first, in cached_docs[cached_starts[i] .. [i+1]) with its kind
    // in cached_kinds at the same position.
    std::vector<std::string> cached_queries;
    std::vector<uint32_t> cached_starts;
    std::vector<uint32_t> cached_docs;
    std::vector<uint8_t> cached_kinds;

    // Scratch for queries, each sized to docs when the index is built, so a query allocates nothing
    // in proportion to the catalogue (only its own words and the hits it returns). Not thread-safe.
    mutable std::vector<uint32_t> token_stamp, doc_stamp;
    mutable std::vector<uint8_t> token_best, doc_count, doc_min, doc_sum;
    mutable std::vector<uint32_t> touched, next_touched;
    mutable std::vector<uint64_t> keys;  // one ranking key per candidate
    mutable uint32_t stamp = 0;
};

SearchIndex BuildSearchIndex(const Catalog& catalog);  // every loaded market, default options
SearchIndex BuildSearchIndex(const Catalog& catalog, const SearchIndexOptions& options);
SearchResults QuerySearch(const SearchIndex& index, std::string_view query, size_t max_hits);

// Baseline for benchmarks: every doc whose folded name contains the folded query, catalogue order.
SearchResults NaiveSubstringSearch(const SearchIndex& index, std::string_view query, size_t max_hits);

// Synonym groups (search_synonyms.cpp): each group lists folded phrases of one or two words.
const std::vector<std::vector<std::vector<std::string>>>& GetSynonymGroups();

}  // namespace pasar
