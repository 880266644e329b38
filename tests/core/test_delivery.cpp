#include <catch2/catch.hpp>

#include "core/delivery.h"
#include "fixtures.h"

using namespace pasar;

TEST_CASE("delivery: fees match the shared fixture") {
    nlohmann::json doc = pasar_test::ReadFixtureJson("core/fees.json");
    REQUIRE(doc.is_object());
    REQUIRE(doc["cases"].size() >= 20);
    size_t fee_cases = 0, error_cases = 0;
    for (const auto& c : doc["cases"]) {
        INFO(c["name"].get<std::string>());
        DeliverySettings settings;
        DecodeError error;
        REQUIRE(DecodeDeliverySettings(doc["deliveries"][c["delivery"].get<std::string>()], "delivery", &settings, &error));
        FeeQuote quote = ComputeDeliveryFee(settings, ParseDeliveryMethod(c["method"].get<std::string>()),
                                            c["distance_m"].get<int64_t>(), c["subtotal_rp"].get<int64_t>());
        if (c.contains("expect_fee_rp")) {
            ++fee_cases;
            CHECK(quote.ok());
            CHECK(quote.fee_rp == c["expect_fee_rp"].get<int64_t>());
        } else {
            ++error_cases;
            CHECK(std::string(FeeErrorCode(quote.error)) == c["expect_error"].get<std::string>());
            if (quote.error == FeeError::BelowMinOrder) CHECK(quote.missing_rp > 0);
        }
    }
    CHECK(fee_cases >= 10);
    CHECK(error_cases >= 5);
}

TEST_CASE("delivery: the Lampung courier default, Rp8.000 up to 4 km then Rp2.000 a started km") {
    DeliverySettings s;
    FeeRule rule;
    rule.kind = FeeRuleKind::MinPlusPerKm;
    rule.min_fee_rp = 8000;
    rule.min_distance_m = 4000;
    rule.per_km_rp = 2000;
    s.methods = {{DeliveryMethod::CoopCourier, rule}};
    s.max_distance_m = 15000;
    CHECK(ComputeDeliveryFee(s, DeliveryMethod::CoopCourier, 3999, 50000).fee_rp == 8000);
    CHECK(ComputeDeliveryFee(s, DeliveryMethod::CoopCourier, 6200, 50000).fee_rp == 8000 + 3 * 2000);
    FeeQuote too_far = ComputeDeliveryFee(s, DeliveryMethod::CoopCourier, 15001, 50000);
    CHECK(too_far.error == FeeError::TooFar);
    CHECK(too_far.max_distance_m == 15000);
    s.min_order_rp = 20000;
    FeeQuote below = ComputeDeliveryFee(s, DeliveryMethod::CoopCourier, 100, 15000);
    CHECK(below.error == FeeError::BelowMinOrder);
    CHECK(below.min_order_rp == 20000);
    CHECK(below.missing_rp == 5000);
    s.free_above_rp = 100000;
    FeeQuote free = ComputeDeliveryFee(s, DeliveryMethod::CoopCourier, 6200, 100000);
    CHECK(free.fee_rp == 0);
    CHECK(free.free_delivery);
}

TEST_CASE("delivery: decoding refuses bad settings with the path") {
    auto decode = [](const char* text) {
        DeliverySettings s;
        DecodeError error;
        nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
        if (doc.is_discarded()) return std::string("unparsable test document: ") + text;
        bool ok = DecodeDeliverySettings(doc, "markets[0].delivery", &s, &error);
        return ok ? std::string("ok") : FormatDecodeError(error);
    };
    const char* tail = R"(,"min_order_rp":0,"free_above_rp":0,"max_distance_m":5000})";
    CHECK(decode((std::string(R"({"methods":[{"method":"pickup","fee_rule":{"kind":"flat","fee_rp":0}}])") + tail).c_str()) == "ok");
    CHECK(decode((std::string(R"({"methods":[])") + tail).c_str()) ==
          "markets[0].delivery.methods: must offer at least one method");
    CHECK(decode((std::string(R"({"methods":[{"method":"drone","fee_rule":{"kind":"flat","fee_rp":0}}])") + tail).c_str()) ==
          "markets[0].delivery.methods[0].method: must be one of pickup, coop_courier, ojek, stall");
    CHECK(decode((std::string(R"({"methods":[{"method":"pickup","fee_rule":{"kind":"flat","fee_rp":3000}}])") + tail).c_str()) ==
          "markets[0].delivery.methods[0].fee_rule: pickup must be flat with fee_rp 0");
    CHECK(decode((std::string(R"({"methods":[{"method":"ojek","fee_rule":{"kind":"zones","zones":[{"max_distance_m":3000,"fee_rp":5000},{"max_distance_m":3000,"fee_rp":9000}]}}])") + tail).c_str()) ==
          "markets[0].delivery.methods[0].fee_rule.zones[1].max_distance_m: must be greater than the previous zone's");
    CHECK(decode((std::string(R"({"methods":[{"method":"ojek","fee_rule":{"kind":"min_plus_per_km","min_fee_rp":-1,"min_distance_m":0,"per_km_rp":1}}])") + tail).c_str()) ==
          "markets[0].delivery.methods[0].fee_rule.min_fee_rp: must be >= 0");
    CHECK(decode(R"({"methods":[{"method":"ojek","fee_rule":{"kind":"flat","fee_rp":1}}],"min_order_rp":0,"free_above_rp":0})") ==
          "markets[0].delivery.max_distance_m: is required");
}

TEST_CASE("delivery: before opening waits for today's opening, after cut-off for tomorrow's") {
    MarketHours hours{5 * 60, 14 * 60, 11 * 60};  // 05:00-14:00, cut-off 11:00
    OrderSchedule early = ScheduleOrder(hours, 4 * 60 + 30, 2);
    CHECK(early.kind == ScheduleKind::LaterToday);
    CHECK(early.weekday == 2);
    CHECK(early.start_min == 5 * 60);
    OrderSchedule now = ScheduleOrder(hours, 9 * 60, 2);
    CHECK(now.kind == ScheduleKind::Now);
    CHECK(now.start_min == 9 * 60);
    OrderSchedule late = ScheduleOrder(hours, 11 * 60, 6);  // Saturday at the cut-off minute
    CHECK(late.kind == ScheduleKind::NextDay);
    CHECK(late.weekday == 0);  // Sunday
    CHECK(late.days_ahead == 1);
    CHECK(late.start_min == 5 * 60);
    CHECK(ScheduleOrder(hours, 10 * 60 + 59, 6).kind == ScheduleKind::Now);
    CHECK(ScheduleOrder(hours, 23 * 60 + 59, 3).kind == ScheduleKind::NextDay);
}

TEST_CASE("delivery: opening hours decode as HH:MM with the cut-off inside") {
    MarketHours h;
    DecodeError e;
    CHECK(DecodeMarketHours(nlohmann::json::parse(R"({"open":"03:00","close":"17:00","order_cutoff":"14:00"})", nullptr, false), "hours", &h, &e));
    CHECK(h.order_cutoff_min == 14 * 60);
    CHECK(EncodeMarketHours(h).dump() == R"({"close":"17:00","open":"03:00","order_cutoff":"14:00"})");
    CHECK_FALSE(DecodeMarketHours(nlohmann::json::parse(R"({"open":"3:00","close":"17:00","order_cutoff":"14:00"})", nullptr, false), "hours", &h, &e));
    CHECK(FormatDecodeError(e) == "hours.open: must be a time HH:MM (00:00 to 23:59)");
    CHECK_FALSE(DecodeMarketHours(nlohmann::json::parse(R"({"open":"08:00","close":"17:00","order_cutoff":"18:00"})", nullptr, false), "hours", &h, &e));
    CHECK(FormatDecodeError(e) == "hours.order_cutoff: must be between open and close");
    CHECK_FALSE(DecodeMarketHours(nlohmann::json::parse(R"({"open":"08:00","close":"07:00","order_cutoff":"07:00"})", nullptr, false), "hours", &h, &e));
    CHECK(FormatDecodeError(e) == "hours.close: must be after open");
}
