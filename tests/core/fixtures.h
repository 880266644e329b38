// Reading shared fixture files (tests/fixtures/...) and the pilot catalogue (assets/...).
//
// Natively the folders come from the compile definitions PASAR_FIXTURES_DIR and PASAR_ASSETS_DIR.
// The wasm test binary reads the same absolute paths through NODERAWFS, or through files the build
// preloads/embeds at those paths; either way all reading goes through ReadTestFile so there is one
// place to change.
#pragma once

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#ifndef PASAR_FIXTURES_DIR
#define PASAR_FIXTURES_DIR "tests/fixtures"
#endif
#ifndef PASAR_ASSETS_DIR
#define PASAR_ASSETS_DIR "assets"
#endif

namespace pasar_test {

inline std::optional<std::string> ReadTestFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) return std::nullopt;
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// A fixture under tests/fixtures, e.g. "core/fees.json". Missing -> empty optional.
inline std::optional<std::string> ReadFixture(const std::string& relative) {
    return ReadTestFile(std::string(PASAR_FIXTURES_DIR) + "/" + relative);
}

inline std::optional<std::string> ReadAsset(const std::string& relative) {
    return ReadTestFile(std::string(PASAR_ASSETS_DIR) + "/" + relative);
}

// Parses a fixture as JSON (no exceptions); a discarded value when missing or invalid.
inline nlohmann::json ReadFixtureJson(const std::string& relative) {
    std::optional<std::string> text = ReadFixture(relative);
    if (!text) return nlohmann::json(nlohmann::json::value_t::discarded);
    return nlohmann::json::parse(*text, nullptr, false);
}

}  // namespace pasar_test
