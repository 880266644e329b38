#include "core/search.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

namespace pasar {

namespace {

// Folds U+00C0..U+017F to ASCII letters; 0 means "not a letter, becomes a space".
char FoldLatin(uint32_t cp) {
    // U+00C0..U+00FF; '*' marks the two signs (multiplication, division) that fold to a space.
    static const char LATIN1[] = "aaaaaaaceeeeiiiidnooooo*ouuuuyts"
                                 "aaaaaaaceeeeiiiidnooooo*ouuuuyty";
    if (cp >= 0xC0 && cp <= 0xFF) return LATIN1[cp - 0xC0] == '*' ? 0 : LATIN1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x17F) {
        // Latin Extended-A pairs (upper, lower) in runs of the same base letter.
        static const char EXT_A[] =
            "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
        size_t i = cp - 0x100;
        return i < sizeof(EXT_A) - 1 ? EXT_A[i] : 0;
    }
    return 0;
}

struct PhraseEntry {
    std::vector<std::string> words;
    uint32_t concept_id;
};

// first word -> phrases starting with it
const std::unordered_map<std::string, std::vector<PhraseEntry>>& PhraseTable() {
    static const std::unordered_map<std::string, std::vector<PhraseEntry>> table = [] {
        std::unordered_map<std::string, std::vector<PhraseEntry>> out;
        const auto& groups = GetSynonymGroups();
        for (size_t g = 0; g < groups.size(); ++g)
            for (const auto& phrase : groups[g])
                if (!phrase.empty()) out[phrase[0]].push_back({phrase, uint32_t(g)});
        return out;
    }();
    return table;
}

void AddUnique(std::vector<uint32_t>* list, uint32_t value) {
    if (std::find(list->begin(), list->end(), value) == list->end()) list->push_back(value);
}

// Concepts named in words (exact phrases). Scans left to right; at each position every phrase
// starting there counts, then the longest one is skipped over, so "telur ayam ras" (eggs) does not
// also count as "ayam ras" (chicken meat).
void CollectConcepts(const std::vector<std::string>& words, std::vector<uint32_t>* out) {
    const auto& table = PhraseTable();
    size_t j = 0;
    while (j < words.size()) {
        size_t longest = 1;
        auto it = table.find(words[j]);
        if (it != table.end()) {
            for (const PhraseEntry& e : it->second) {
                if (j + e.words.size() > words.size()) continue;
                bool same = true;
                for (size_t k = 1; k < e.words.size() && same; ++k) same = words[j + k] == e.words[k];
                if (!same) continue;
                AddUnique(out, e.concept_id);
                longest = std::max(longest, e.words.size());
            }
        }
        j += longest;
    }
}

// The set of characters of text[0 .. len) as bits: a-z and 0-9 (all folded text has) one bit each,
// anything else shares the rest (sharing a bit only makes the set tests below weaker, never wrong).
uint64_t LetterMask(const char* text, size_t len) {
    uint64_t mask = 0;
    for (size_t i = 0; i < len; ++i) {
        unsigned c = static_cast<unsigned char>(text[i]);
        unsigned bit = c - 'a' < 26u ? c - 'a' : c - '0' < 10u ? 26 + (c - '0') : 36 + c % 28;
        mask |= uint64_t(1) << bit;
    }
    return mask;
}

bool AtMostOneBit(uint64_t bits) { return (bits & (bits - 1)) == 0; }

bool StartsWith(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = true;  // suppresses leading and repeated spaces
    auto put = [&](char c) {
        if (c == 0) {
            if (!space) out += ' ';
            space = true;
        } else {
            out += c;
            space = false;
        }
    };
    for (size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z') put(char(c - 'A' + 'a'));
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) put(char(c));
            else put(0);
            ++i;
            continue;
        }
        size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        uint32_t cp = 0;
        if (len == 2 && i + 1 < text.size()) cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
        put(FoldLatin(cp));
        i += std::min(len, text.size() - i);
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::vector<std::string> SplitWords(std::string_view folded) {
    std::vector<std::string> words;
    size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && folded[i] == ' ') ++i;
        size_t start = i;
        while (i < folded.size() && folded[i] != ' ') ++i;
        if (i > start) words.emplace_back(folded.substr(start, i - start));
    }
    return words;
}

bool IsWithinOneEdit(std::string_view a, std::string_view b) {
    if (a.size() > b.size()) std::swap(a, b);
    size_t la = a.size(), lb = b.size();
    if (lb - la > 1) return false;
    size_t i = 0;
    while (i < la && a[i] == b[i]) ++i;
    if (i == la) return true;  // equal, or b has one extra character at the end
    if (la == lb) {
        // substitution at i, or swap of i and i+1
        if (a.compare(i + 1, std::string_view::npos, b.substr(i + 1)) == 0) return true;
        return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               a.compare(i + 2, std::string_view::npos, b.substr(i + 2)) == 0;
    }
    return a.compare(i, std::string_view::npos, b.substr(i + 1)) == 0;  // b has one extra at i
}

const char* MatchKindName(MatchKind kind) {
    switch (kind) {
        case MatchKind::Exact: return "exact";
        case MatchKind::Prefix: return "prefix";
        case MatchKind::Synonym: return "synonym";
        case MatchKind::Typo: return "typo";
        case MatchKind::None: break;
    }
    return "none";
}

namespace {
void BuildShortQueryCache(SearchIndex* index, size_t max_chars);
}  // namespace

SearchIndex BuildSearchIndex(const Catalog& catalog) { return BuildSearchIndex(catalog, SearchIndexOptions{}); }

SearchIndex BuildSearchIndex(const Catalog& catalog, const SearchIndexOptions& options) {
    SearchIndex index;
    std::vector<std::vector<std::string>> doc_words;
    for (size_t m = 0; m < catalog.markets.size(); ++m) {
        if (!catalog.markets[m]) continue;
        const MarketFile& market = *catalog.markets[m];
        for (size_t s = 0; s < market.stalls.size(); ++s) {
            for (size_t p = 0; p < market.stalls[s].products.size(); ++p) {
                index.docs.push_back({uint32_t(m), uint32_t(s), uint32_t(p)});
                index.folded_names.push_back(FoldForSearch(market.stalls[s].products[p].name));
                doc_words.push_back(SplitWords(index.folded_names.back()));
            }
        }
    }
    const size_t n = index.docs.size();
    for (const auto& words : doc_words)
        for (const std::string& w : words) index.terms.push_back(w);
    std::sort(index.terms.begin(), index.terms.end());
    index.terms.erase(std::unique(index.terms.begin(), index.terms.end()), index.terms.end());

    auto term_id = [&](const std::string& w) {
        return uint32_t(std::lower_bound(index.terms.begin(), index.terms.end(), w) - index.terms.begin());
    };
    std::vector<std::vector<uint32_t>> term_docs(index.terms.size());
    std::vector<std::vector<uint32_t>> concept_docs(GetSynonymGroups().size());
    index.word_counts.resize(n);
    index.first_terms.resize(n, UINT32_MAX);
    std::vector<uint32_t> concepts;
    for (uint32_t d = 0; d < n; ++d) {
        const auto& words = doc_words[d];
        index.word_counts[d] = uint8_t(std::min<size_t>(words.size(), 255));
        if (!words.empty()) index.first_terms[d] = term_id(words[0]);
        for (const std::string& w : words) {
            auto& list = term_docs[term_id(w)];
            if (list.empty() || list.back() != d) list.push_back(d);
        }
        concepts.clear();
        CollectConcepts(words, &concepts);
        for (uint32_t c : concepts) concept_docs[c].push_back(d);
    }
    auto flatten = [](const std::vector<std::vector<uint32_t>>& lists, std::vector<uint32_t>* starts,
                      std::vector<uint32_t>* flat) {
        starts->push_back(0);
        for (const auto& list : lists) {
            flat->insert(flat->end(), list.begin(), list.end());
            starts->push_back(uint32_t(flat->size()));
        }
    };
    flatten(term_docs, &index.term_starts, &index.postings);
    flatten(concept_docs, &index.concept_starts, &index.concept_postings);
    index.token_stamp.assign(n, 0);
    index.doc_stamp.assign(n, 0);
    index.token_best.assign(n, 0);
    index.doc_count.assign(n, 0);
    index.doc_min.assign(n, 0);
    index.doc_sum.assign(n, 0);
    index.touched.assign(n, 0);
    index.next_touched.assign(n, 0);
    index.keys.assign(n, 0);
    BuildShortQueryCache(&index, options.cached_prefix_chars);
    return index;
}

namespace {

struct TermMatch {
    uint32_t term;
    MatchKind kind;
};

// Terms of the vocabulary that match one query word, with their best kind.
void MatchTerms(const SearchIndex& index, const std::string& word, bool is_last, std::vector<TermMatch>* out) {
    out->clear();
    auto it = std::lower_bound(index.terms.begin(), index.terms.end(), word);
    for (; it != index.terms.end() && StartsWith(*it, word); ++it)
        out->push_back({uint32_t(it - index.terms.begin()), *it == word ? MatchKind::Exact : MatchKind::Prefix});
    if (word.size() < MIN_TYPO_WORD_CHARS) return;
    size_t prefix_end = out->size();
    // One edit changes the set of letters by at most one letter each way, so a term whose letters
    // differ more is skipped before the (costlier) edit check: the scan below visits the whole
    // vocabulary on every keystroke of a word of 4+ letters.
    const uint64_t word_mask = LetterMask(word.data(), word.size());
    for (uint32_t t = 0; t < index.terms.size(); ++t) {
        const std::string& term = index.terms[t];
        bool typo = false;
        if (term.size() + 1 >= word.size() && term.size() <= word.size() + 1) {
            const uint64_t term_mask = LetterMask(term.data(), term.size());
            if (AtMostOneBit(word_mask & ~term_mask) && AtMostOneBit(term_mask & ~word_mask))
                typo = IsWithinOneEdit(word, term);
        }
        // While typing, the last word may be a misspelt start of a longer word: "kangkng" ~ "kangkung".
        // Each start compared below is within the term's first word.size() + 1 letters.
        if (!typo && is_last && term.size() > word.size() + 1 &&
            AtMostOneBit(word_mask & ~LetterMask(term.data(), word.size() + 1)))
            typo = IsWithinOneEdit(word, std::string_view(term).substr(0, word.size())) ||
                   IsWithinOneEdit(word, std::string_view(term).substr(0, word.size() + 1)) ||
                   IsWithinOneEdit(word, std::string_view(term).substr(0, word.size() - 1));
        if (!typo) continue;
        bool already = false;
        for (size_t k = 0; k < prefix_end && !already; ++k) already = (*out)[k].term == t;
        if (!already) out->push_back({t, MatchKind::Typo});
    }
}

// Concepts a query word belongs to: any phrase covering it (exact words), or, for the last word,
// a phrase whose last word starts with it (3+ letters), so "lomb" already finds cabai.
void QueryConcepts(const std::vector<std::string>& words, size_t i, std::vector<uint32_t>* out) {
    out->clear();
    const auto& groups = GetSynonymGroups();
    bool is_last = i + 1 == words.size();
    for (uint32_t g = 0; g < groups.size(); ++g) {
        for (const auto& phrase : groups[g]) {
            size_t len = phrase.size();
            for (size_t k = 0; k < len; ++k) {  // word i plays phrase word k
                if (i < k || i - k + len > words.size() + 0) continue;
                size_t start = i - k;
                bool same = true;
                for (size_t w = 0; w < len && same; ++w) {
                    const std::string& q = words[start + w];
                    bool last_word = start + w + 1 == words.size();
                    same = q == phrase[w] ||
                           (last_word && w + 1 == len && is_last && q.size() >= 3 && StartsWith(phrase[w], q));
                }
                if (same) AddUnique(out, g);
            }
        }
    }
}

}  // namespace

namespace {

// Moves the best `take` of keys[0 .. count) to keys[0 .. take), best (largest) first. A min-heap of the
// best so far sits in keys[0 .. take); written out with plain indexes because under -Oz the standard
// algorithms' small helpers are not inlined and cost a call per comparison in wasm.
void SelectTopKeys(uint64_t* keys, size_t count, size_t take) {
    if (take == 0) return;
    if (take >= count) {
        std::sort(keys, keys + count, std::greater<uint64_t>());
        return;
    }
    auto sift_down = [keys, take](size_t i) {
        const uint64_t v = keys[i];
        for (;;) {
            size_t c = 2 * i + 1;
            if (c >= take) break;
            if (c + 1 < take && keys[c + 1] < keys[c]) ++c;
            if (keys[c] >= v) break;
            keys[i] = keys[c];
            i = c;
        }
        keys[i] = v;
    };
    for (size_t i = take / 2; i-- > 0;) sift_down(i);
    for (size_t j = take; j < count; ++j) {
        if (keys[j] <= keys[0]) continue;
        keys[0] = keys[j];
        sift_down(0);
    }
    std::sort(keys, keys + take, std::greater<uint64_t>());
}

// The full query: every word matched against the vocabulary and the synonym groups, candidates
// intersected word by word, then the max_hits best by one 64-bit key each. The loops over postings
// and candidates use raw pointers into the index's scratch arrays (sized to docs when the index is
// built): this is the per-keystroke hot path and, at -Oz in wasm, vector and iterator helpers are calls.
void RunQuery(const SearchIndex& index, const std::vector<std::string>& words, size_t max_hits, SearchResults* results) {
    results->hits.clear();
    results->total_matches = 0;
    const size_t n = index.docs.size();
    if (words.empty() || n == 0) return;

    if (index.stamp > UINT32_MAX - 2 * MAX_QUERY_WORDS - 2) {  // wrap: clear stamps once in 2^31 queries
        std::fill(index.token_stamp.begin(), index.token_stamp.end(), 0);
        std::fill(index.doc_stamp.begin(), index.doc_stamp.end(), 0);
        index.stamp = 0;
    }
    if (index.touched.size() < n) index.touched.resize(n);
    if (index.next_touched.size() < n) index.next_touched.resize(n);
    if (index.keys.size() < n) index.keys.resize(n);
    uint32_t* const token_stamp = index.token_stamp.data();
    uint32_t* const doc_stamp = index.doc_stamp.data();
    uint8_t* const token_best = index.token_best.data();
    uint8_t* const doc_count = index.doc_count.data();
    uint8_t* const doc_min = index.doc_min.data();
    uint8_t* const doc_sum = index.doc_sum.data();
    uint32_t* touched = index.touched.data();
    uint32_t* next = index.next_touched.data();
    size_t touched_count = 0;

    const uint32_t query_stamp = ++index.stamp;
    std::vector<TermMatch> term_matches;
    std::vector<uint32_t> concepts;
    for (size_t i = 0; i < words.size(); ++i) {
        const uint32_t token = ++index.stamp;
        const bool first = i == 0;
        const uint8_t need = uint8_t(i);  // words matched so far by a doc still in the running
        size_t next_count = 0;
        // Each doc enters next[] once per word (the token stamp), so next_count <= n.
        auto visit_list = [&](const uint32_t* p, const uint32_t* end, uint8_t kind) {
            for (; p != end; ++p) {
                const uint32_t d = *p;
                if (!first && (doc_stamp[d] != query_stamp || doc_count[d] != need)) continue;
                if (token_stamp[d] != token) {
                    token_stamp[d] = token;
                    token_best[d] = kind;
                    next[next_count++] = d;
                } else if (kind > token_best[d]) {
                    token_best[d] = kind;
                }
            }
        };
        MatchTerms(index, words[i], i + 1 == words.size(), &term_matches);
        const uint32_t* postings = index.postings.data();
        const uint32_t* term_starts = index.term_starts.data();
        for (const TermMatch& m : term_matches)
            visit_list(postings + term_starts[m.term], postings + term_starts[m.term + 1], uint8_t(m.kind));
        QueryConcepts(words, i, &concepts);
        const uint32_t* concept_postings = index.concept_postings.data();
        const uint32_t* concept_starts = index.concept_starts.data();
        for (uint32_t c : concepts)
            visit_list(concept_postings + concept_starts[c], concept_postings + concept_starts[c + 1],
                       uint8_t(MatchKind::Synonym));
        for (size_t k = 0; k < next_count; ++k) {
            const uint32_t d = next[k];
            const uint8_t best = token_best[d];
            if (first) {
                doc_stamp[d] = query_stamp;
                doc_count[d] = 1;
                doc_min[d] = best;
                doc_sum[d] = best;
            } else {
                doc_count[d] = uint8_t(i + 1);
                if (best < doc_min[d]) doc_min[d] = best;
                doc_sum[d] = uint8_t(doc_sum[d] + best);
            }
        }
        std::swap(touched, next);
        touched_count = next_count;
        if (touched_count == 0) return;
    }

    // One 64-bit key per candidate, larger is better; the doc ordinal in the low bits makes the
    // order total and stable. Names whose first word starts with the first query word: the terms
    // with that prefix are one contiguous run [first_lo, first_hi) of the sorted vocabulary.
    const std::string& first_word = words[0];
    const uint32_t first_lo =
        uint32_t(std::lower_bound(index.terms.begin(), index.terms.end(), first_word) - index.terms.begin());
    uint32_t first_hi = first_lo;
    while (first_hi < index.terms.size() && StartsWith(index.terms[first_hi], first_word)) ++first_hi;
    const uint32_t* first_terms = index.first_terms.data();
    const uint8_t* word_counts = index.word_counts.data();
    uint64_t* keys = index.keys.data();
    for (size_t k = 0; k < touched_count; ++k) {
        const uint32_t d = touched[k];
        const uint32_t ft = first_terms[d];
        const bool starts = ft >= first_lo && ft < first_hi;  // UINT32_MAX (no words) is never inside
        keys[k] = (uint64_t(doc_min[d]) << 61) | (uint64_t(doc_sum[d]) << 53) | (uint64_t(starts) << 52) |
                  (uint64_t(255 - word_counts[d]) << 44) | uint64_t(0xFFFFFFFFu - d);
    }
    results->total_matches = touched_count;
    const size_t take = std::min(max_hits, touched_count);
    SelectTopKeys(keys, touched_count, take);
    results->hits.resize(take);
    SearchHit* hits = results->hits.data();
    const SearchDoc* docs = index.docs.data();
    for (size_t k = 0; k < take; ++k) {
        const uint32_t d = 0xFFFFFFFFu - uint32_t(keys[k] & 0xFFFFFFFFu);
        hits[k].doc = d;
        hits[k].ref = docs[d];
        hits[k].kind = MatchKind(doc_min[d]);
    }
}

// Ranks, once, every one-word query of 1..max_chars characters that is the start of some name word.
void BuildShortQueryCache(SearchIndex* index, size_t max_chars) {
    index->cached_queries.clear();
    index->cached_starts.assign(1, 0);
    index->cached_docs.clear();
    index->cached_kinds.clear();
    if (max_chars == 0 || index->docs.empty()) return;
    for (const std::string& term : index->terms)
        for (size_t len = 1; len <= max_chars && len <= term.size(); ++len) index->cached_queries.push_back(term.substr(0, len));
    std::sort(index->cached_queries.begin(), index->cached_queries.end());
    index->cached_queries.erase(std::unique(index->cached_queries.begin(), index->cached_queries.end()),
                                index->cached_queries.end());
    std::vector<std::string> words(1);
    SearchResults all;
    for (const std::string& q : index->cached_queries) {
        words[0] = q;
        RunQuery(*index, words, SIZE_MAX, &all);
        for (const SearchHit& h : all.hits) {
            index->cached_docs.push_back(h.doc);
            index->cached_kinds.push_back(uint8_t(h.kind));
        }
        index->cached_starts.push_back(uint32_t(index->cached_docs.size()));
    }
}

}  // namespace

SearchResults QuerySearch(const SearchIndex& index, std::string_view query, size_t max_hits) {
    SearchResults results;
    std::vector<std::string> words = SplitWords(FoldForSearch(query));
    if (words.empty() || index.docs.empty()) return results;
    if (words.size() > MAX_QUERY_WORDS) words.resize(MAX_QUERY_WORDS);
    if (words.size() == 1 && !index.cached_queries.empty()) {
        auto it = std::lower_bound(index.cached_queries.begin(), index.cached_queries.end(), words[0]);
        if (it != index.cached_queries.end() && *it == words[0]) {
            size_t i = size_t(it - index.cached_queries.begin());
            uint32_t lo = index.cached_starts[i], hi = index.cached_starts[i + 1];
            results.total_matches = hi - lo;
            const size_t take = std::min<size_t>(max_hits, hi - lo);
            results.hits.resize(take);
            SearchHit* hits = results.hits.data();
            const uint32_t* docs = index.cached_docs.data() + lo;
            const uint8_t* kinds = index.cached_kinds.data() + lo;
            for (size_t k = 0; k < take; ++k) {
                hits[k].doc = docs[k];
                hits[k].ref = index.docs[docs[k]];
                hits[k].kind = MatchKind(kinds[k]);
            }
            return results;
        }
    }
    RunQuery(index, words, max_hits, &results);
    return results;
}

SearchResults NaiveSubstringSearch(const SearchIndex& index, std::string_view query, size_t max_hits) {
    SearchResults results;
    std::string folded = FoldForSearch(query);
    if (folded.empty()) return results;
    for (uint32_t d = 0; d < index.folded_names.size(); ++d) {
        if (index.folded_names[d].find(folded) == std::string::npos) continue;
        ++results.total_matches;
        if (results.hits.size() < max_hits) results.hits.push_back({d, index.docs[d], MatchKind::Exact});
    }
    return results;
}

}  // namespace pasar
