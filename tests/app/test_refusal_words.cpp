// Every refusal serve.py can send (every code the README's wire section names) reaches the buyer as a plain
// Indonesian sentence: no code, no field path, no English, not the word "server". Table-driven over the
// README, so a code added there without words here fails.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <set>

#include "core/sync_protocol.h"
#include "ui/words.h"
#include "ui_harness.h"

using namespace pasar;

namespace {

// The codes the README's "Sync wire format" section gives: after an HTTP status ("429 `rate_limited`",
// "**401** `unauthorized`"), in its lists of codes ("Rejection codes: `a`, `b`."), after "rejected" or
// "answers", and inside an error body (`"code": "mutation_gap"`).
std::set<std::string> ReadmeWireCodes() {
  const std::string readme = test::ReadFile(std::string(PASAR_ASSETS_DIR) + "/../README.md");
  const size_t from = readme.find("<!-- section:wire -->");
  const size_t to = readme.find("<!-- /section:wire -->");
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  const std::string wire = readme.substr(from, to - from);
  std::set<std::string> codes;
  const std::regex code_re("`([a-z]+(?:_[a-z]+)*)`");
  auto take_all = [&](const std::string& text) {
    for (std::sregex_iterator it(text.begin(), text.end(), code_re), end; it != end; ++it) codes.insert((*it)[1]);
  };
  const std::regex after_status("(?:[0-9]{3}\\**|rejected|answers) `([a-z]+(?:_[a-z]+)*)`");
  for (std::sregex_iterator it(wire.begin(), wire.end(), after_status), end; it != end; ++it) codes.insert((*it)[1]);
  const std::regex in_body("\"code\": \"([a-z_]+)\"");
  for (std::sregex_iterator it(wire.begin(), wire.end(), in_body), end; it != end; ++it) codes.insert((*it)[1]);
  const std::regex code_list("[Cc]odes:? (`[^.]*)\\.");
  for (std::sregex_iterator it(wire.begin(), wire.end(), code_list), end; it != end; ++it) take_all((*it)[1]);
  return codes;
}

void CheckPlainIndonesian(const std::string& code, const std::string& sentence) {
  INFO(code << " -> " << sentence);
  CHECK_FALSE(sentence.empty());
  CHECK(sentence.find(code) == std::string::npos);
  CHECK(sentence.find('_') == std::string::npos);
  CHECK(sentence.find('[') == std::string::npos);
  CHECK(sentence.find("args") == std::string::npos);
  std::string lower = sentence;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* english : {"server", " the ", "must", "order ", "stall", "refused", "invalid", "right now", " is ", "not "}) {
    INFO("an English word: " << english);
    CHECK(lower.find(english) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("refusals: every code of the README's wire section has an Indonesian sentence") {
  const std::set<std::string> readme = ReadmeWireCodes();
  CHECK(readme.size() >= 40);  // the extraction found the lists, not a stray word
  for (const char* sure : {"stall_closed", "below_min_order", "mutation_gap", "rate_limited", "not_cancellable",
                           "unknown_mutation", "storage_full", "key_reuse", "invalid_credentials"}) {
    CHECK(readme.count(sure) == 1);
  }
  const std::vector<std::string> known = KnownRefusalCodes();
  for (const std::string& code : readme) {
    INFO("README code without words: " << code);
    CHECK(std::find(known.begin(), known.end(), code) != known.end());
  }
}

TEST_CASE("refusals: each code is a plain Indonesian sentence with no code, field path or English") {
  std::vector<std::string> codes = KnownRefusalCodes();
  codes.push_back("a_code_from_a_newer_server");
  for (const std::string& code : codes) {
    CheckPlainIndonesian(code, RefusalSentence(Lang::Id, code));
    CheckPlainIndonesian(code, RefusalSentence(Lang::Id, code, "Cabai rawit"));
    CHECK_FALSE(RefusalSentence(Lang::En, code).empty());
  }
  // The product the refusal's field points at is named; without one the sentence still reads whole.
  CHECK(RefusalSentence(Lang::Id, "stall_closed", "Ayam potong") ==
        "Ayam potong: lapaknya sedang tutup. Hapus barang ini lalu pesan lagi.");
  CHECK(RefusalSentence(Lang::Id, "price_mismatch") == "Harga salah satu barang sudah berubah. Pesan lagi dengan harga hari ini.");
  CHECK(RefusalSentence(Lang::Id, "below_min_order") ==
        "Belanjaan belum mencapai minimal pesanan pasar ini. Tambah barang lalu pesan lagi.");
}

TEST_CASE("refusals: a rejection's field names its order line, never shown as a path") {
  CHECK(OrderLineOfField("args.lines[1].price_rp") == std::optional<size_t>(1));
  CHECK(OrderLineOfField("args.lines[12]") == std::optional<size_t>(12));
  CHECK_FALSE(OrderLineOfField("args.lines[]").has_value());
  CHECK_FALSE(OrderLineOfField("args.lines[x]").has_value());
  CHECK_FALSE(OrderLineOfField("args.buyer.phone").has_value());
  CHECK_FALSE(OrderLineOfField("").has_value());
}

TEST_CASE("words: a fee's outcome and a failed load are codes with data; only the UI makes their sentences") {
  FeeQuote below;
  below.error = FeeError::BelowMinOrder;
  below.min_order_rp = 20000;
  below.missing_rp = 5000;
  CHECK(FeeProblemWords(Lang::Id, below) == "Belanja minimal Rp20.000 untuk diantar (kurang Rp5.000)");
  FeeQuote far;
  far.error = FeeError::TooFar;
  far.max_distance_m = 15000;
  CHECK(FeeProblemWords(Lang::Id, far) == "Terlalu jauh: paling jauh 15 km dari pasar");
  CHECK(FeeProblemWords(Lang::Id, FeeQuote{}).empty());
  LoadError http{LoadProblem::HttpStatus, 503, {}};
  LoadError damaged{LoadProblem::Damaged, 0, DecodeError{"markets[3].stalls", "must be an array"}};
  for (const LoadError& e : {http, damaged}) {
    for (bool market : {false, true}) {
      const std::string words = LoadProblemWords(Lang::Id, e, market);
      CheckPlainIndonesian("load", words);
      CHECK(words.find("503") == std::string::npos);  // no status code
      CHECK(words.find("markets[") == std::string::npos);  // no path
    }
  }
}
