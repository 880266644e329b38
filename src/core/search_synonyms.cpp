// Names that buyers in Lampung use for the same goods. Each line is one group; a phrase is one or
// two folded words separated by a space. Regional words (lombok for chilli, gedang for banana) sit
// beside the standard ones; a query in any of them finds products named with any other.
#include "core/search.h"

namespace pasar {

namespace {

const char* const GROUPS[] = {
    "cabai|cabe|lombok|lombo|cabay",
    "cabai rawit|cabe rawit|cengek|lombok rawit",
    "bawang bombay|bawang bombai|bombay|bombai",
    "ayam potong|ayam ras|ayam broiler|ayam negeri",
    "ayam kampung|ayam buras",
    "telur|telor|endog",
    "telur ayam|telur ayam ras|telor ayam|telur negeri",
    "ikan asin|teri|ikan teri|gereh|ikan kering",
    "kol|kubis|kobis",
    "timun|mentimun|ketimun",
    "terong|terung",
    "sawi|caisim|sawi hijau",
    "daun bawang|bawang daun|loncang|bawang prei",
    "minyak goreng|migor",
    "gula pasir|gula putih",
    "singkong|ubi kayu|ketela pohon",
    "ubi jalar|ketela rambat",
    "cumi|sotong|cumi cumi",
    "udang|hurang",
    "bawang merah|brambang",
    "bawang putih|bawang bodas",
    "tempe|tempeh",
    "tahu|tofu",
    "kelapa|krambil|nyiur",
    "pisang|gedang",
    "jeruk nipis|jeruk limau",
    "lengkuas|laos",
    "kunyit|kunir",
    "serai|sereh",
    "daun singkong|daun ubi",
    "labu siam|jipang",
    "wortel|wortol",
    "tongkol|tuna",
    "kacang tanah|suuk",
};

}  // namespace

const std::vector<std::vector<std::vector<std::string>>>& GetSynonymGroups() {
    static const std::vector<std::vector<std::vector<std::string>>> groups = [] {
        std::vector<std::vector<std::vector<std::string>>> out;
        for (const char* line : GROUPS) {
            std::vector<std::vector<std::string>> group;
            std::string_view rest(line);
            while (!rest.empty()) {
                size_t bar = rest.find('|');
                std::string_view phrase = rest.substr(0, bar);
                group.push_back(SplitWords(phrase));
                rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
            }
            out.push_back(std::move(group));
        }
        return out;
    }();
    return groups;
}

}  // namespace pasar
