// The stall app's wire: every request builder (bodies as serve.py reads them, refusals as codes) and every
// answer reader (sign-in, PIN change, each change's result), with the numbers serve.py sends.
#include <catch2/catch.hpp>

#include "core/stall_wire.h"
#include "core/sync_protocol.h"

using namespace pasar;

namespace {

const int64_t NOW_MS = 1795914000000;

StallOrder OrderWithLines() {
    StallOrder o;
    o.order_id = "8R4N6T2W0Z1C";
    o.status = OrderStatus::Sent;
    StallOrderLine fish;  // weighed: 1 kg ordered, may settle up to 1.5 kg
    fish.line_no = 1;
    fish.product_id = "pasar-tugu.s1.p3";
    fish.unit = BaseUnit::Kg;
    fish.weighed = true;
    fish.qty_milli = 1000;
    fish.quoted_price_rp = 36000;
    fish.price_rp = 36000;
    fish.list_price_rp = 36000;
    fish.substitution = Substitution::ContactMe;
    StallOrderLine kangkung;  // pieces, quoted from yesterday's list
    kangkung.line_no = 2;
    kangkung.product_id = "pasar-tugu.s1.p1";
    kangkung.unit = BaseUnit::Piece;
    kangkung.qty_milli = 3000;
    kangkung.quoted_price_rp = 2000;
    kangkung.price_rp = 2000;
    kangkung.list_price_rp = 2500;
    kangkung.price_stale = true;
    kangkung.substitution = Substitution::ReplaceSimilar;
    o.lines = {fish, kangkung};
    return o;
}

MutationResult Rejected(const char* code, Json answer, const char* field = "") {
    MutationResult r;
    r.id = 3;
    r.key = "k-test-0003";
    r.status = ResultStatus::Rejected;
    r.code = code;
    r.message = "for logs";
    r.field = field;
    r.answer = std::move(answer);
    return r;
}

}  // namespace

TEST_CASE("stall wire: sign-in body with stall code, PIN and device key; bad input refused by code") {
    BuiltBody b = BuildLoginBody({"pasar-tugu.s1", "246810", "dk-0123456789abcdef0123456789abcdef"});
    REQUIRE(b.ok());
    CHECK(Json::parse(b.body) ==
          Json({{"stall_code", "pasar-tugu.s1"}, {"pin", "246810"}, {"device_key", "dk-0123456789abcdef0123456789abcdef"}}));
    BuiltBody no_key = BuildLoginBody({"pasar-tugu.s1", "2468", ""});
    REQUIRE(no_key.ok());
    CHECK_FALSE(Json::parse(no_key.body).contains("device_key"));
    CHECK(BuildLoginBody({"Pasar Tugu", "246810", ""}).error == StallInputError::BadStallCode);
    CHECK(BuildLoginBody({"pasar-tugu.s1", "246", ""}).error == StallInputError::BadPin);
    CHECK(BuildLoginBody({"pasar-tugu.s1", "24681a", ""}).error == StallInputError::BadPin);
    CHECK(BuildLoginBody({"pasar-tugu.s1", "1234567890123", ""}).error == StallInputError::BadPin);
    BuiltBody short_key = BuildLoginBody({"pasar-tugu.s1", "246810", "dk-short"});
    CHECK(short_key.error == StallInputError::BadDeviceKey);
    CHECK(short_key.field == "device_key");
    std::array<uint8_t, DEVICE_KEY_RANDOM_BYTES> bytes{};
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = uint8_t(i * 17);
    const std::string key = MakeDeviceKey(bytes);
    CHECK(key == "dk-00112233445566778899aabbccddeeff");
    CHECK(IsValidDeviceKey(key));
}

TEST_CASE("stall wire: change_pin body; a new PIN must be 6 digits and not the one in use") {
    BuiltBody b = BuildChangePinBody("246810", "135790");
    REQUIRE(b.ok());
    CHECK(Json::parse(b.body) == Json({{"pin", "246810"}, {"new_pin", "135790"}}));
    CHECK(BuildChangePinBody("246810", "12345").error == StallInputError::BadNewPin);
    CHECK(BuildChangePinBody("246810", "1234567").error == StallInputError::BadNewPin);
    CHECK(BuildChangePinBody("246810", "246810").error == StallInputError::SamePin);
    CHECK(BuildChangePinBody("24", "135790").error == StallInputError::BadPin);
}

TEST_CASE("stall wire: sign-in answers: session, wrong PIN with attempts left, locked until when, retry") {
    const std::string ok = R"({"token":"tok-abcdefghijklmnopqrstuvwxyz012345","token_type":"Bearer","expires_in_s":43200,
        "role":"vendor","stall_id":"pasar-tugu.s1","market_id":"pasar-tugu","device_known":true})";
    AuthReply in = ReadLoginReply(200, ok, NOW_MS);
    REQUIRE(in.outcome == AuthOutcome::SignedIn);
    CHECK(in.session.token == "tok-abcdefghijklmnopqrstuvwxyz012345");
    CHECK(in.session.expires_at_ms == NOW_MS + 43200000);
    CHECK(in.session.role == AccountRole::Vendor);
    CHECK(in.session.device_known);
    const std::string staff = R"({"token":"t-staff-0123456789","token_type":"Bearer","expires_in_s":43200,
        "role":"staff","stall_id":null,"market_id":"pasar-tugu","device_known":false})";
    AuthReply s = ReadLoginReply(200, staff, NOW_MS);
    REQUIRE(s.outcome == AuthOutcome::SignedIn);
    CHECK(s.session.role == AccountRole::Staff);
    CHECK(s.session.stall_id.empty());
    // A vendor's session without its stall, a token that is not Bearer, a body that is not JSON: refused.
    CHECK(ReadLoginReply(200, R"({"token":"t","token_type":"Bearer","expires_in_s":1,"role":"vendor","stall_id":null,
        "market_id":"pasar-tugu","device_known":true})", NOW_MS).outcome == AuthOutcome::Refused);
    CHECK(ReadLoginReply(200, R"({"token":"t","token_type":"Basic","expires_in_s":1,"role":"staff","stall_id":null,
        "market_id":"pasar-tugu","device_known":true})", NOW_MS).outcome == AuthOutcome::Refused);
    CHECK(ReadLoginReply(200, "<html>", NOW_MS).outcome == AuthOutcome::Refused);

    AuthReply wrong = ReadLoginReply(401, R"({"error":{"code":"invalid_credentials","message":"wrong, 3 attempts left",
        "attempts_left":3,"lock_minutes":15}})", NOW_MS);
    CHECK(wrong.outcome == AuthOutcome::WrongPin);
    CHECK(wrong.attempts_left == 3);
    CHECK(wrong.lock_minutes == 15);
    AuthReply unknown_stall = ReadLoginReply(401, R"({"error":{"code":"invalid_credentials","message":"wrong"}})", NOW_MS);
    CHECK(unknown_stall.outcome == AuthOutcome::WrongPin);
    CHECK(unknown_stall.attempts_left == -1);

    AuthReply locked = ReadLoginReply(429, R"({"error":{"code":"account_locked","message":"wait",
        "retry_after_s":900,"lock_scope":"source"}})", NOW_MS, 900000);
    CHECK(locked.outcome == AuthOutcome::Locked);
    CHECK(locked.retry_at_ms == NOW_MS + 900000);
    CHECK(locked.lock_scope == LockScope::Source);
    CHECK(ReadLoginReply(429, R"({"error":{"code":"account_locked","message":"w","retry_after_s":60,
        "lock_scope":"strangers"}})", NOW_MS).lock_scope == LockScope::Strangers);
    AuthReply limited = ReadLoginReply(429, R"({"error":{"code":"rate_limited","message":"slow"}})", NOW_MS, 2000);
    CHECK(limited.outcome == AuthOutcome::Retry);
    CHECK(limited.retry_at_ms == NOW_MS + 2000);
    CHECK(ReadLoginReply(0, "", NOW_MS).outcome == AuthOutcome::Retry);
    CHECK(ReadLoginReply(503, R"({"error":{"code":"storage_unavailable","message":"m"}})", NOW_MS).outcome ==
          AuthOutcome::Retry);
    AuthReply bad = ReadLoginReply(400, R"({"error":{"code":"invalid_request","message":"m","field":"pin"}})", NOW_MS);
    CHECK(bad.outcome == AuthOutcome::InvalidInput);
    CHECK(bad.field == "pin");
    CHECK(std::string(AuthOutcomeName(AuthOutcome::Locked)) == "locked");
}

TEST_CASE("stall wire: change_pin answers: changed, wrong PIN, expired session, invalid, forbidden") {
    AuthReply ok = ReadChangePinReply(200, R"({"ok":true,"other_sessions_ended":2})", NOW_MS);
    CHECK(ok.outcome == AuthOutcome::PinChanged);
    CHECK(ok.other_sessions_ended == 2);
    CHECK(ReadChangePinReply(200, R"({"ok":false})", NOW_MS).outcome == AuthOutcome::Refused);
    AuthReply wrong = ReadChangePinReply(403, R"({"error":{"code":"wrong_pin","message":"m","field":"pin",
        "attempts_left":4}})", NOW_MS);
    CHECK(wrong.outcome == AuthOutcome::WrongPin);
    CHECK(wrong.attempts_left == 4);
    AuthReply expired = ReadChangePinReply(401, R"({"error":{"code":"unauthorized","message":"m",
        "field":"Authorization","action":"sign_in"}})", NOW_MS);
    CHECK(expired.outcome == AuthOutcome::SignInAgain);
    CHECK(ReadChangePinReply(400, R"({"error":{"code":"same_pin","message":"m","field":"new_pin"}})", NOW_MS).code ==
          "same_pin");
    CHECK(ReadChangePinReply(403, R"({"error":{"code":"forbidden","message":"m"}})", NOW_MS).outcome ==
          AuthOutcome::Forbidden);
    CHECK(ReadChangePinReply(418, "teapot", NOW_MS).outcome == AuthOutcome::Refused);
}

TEST_CASE("stall wire: catalogue changes are the mutations serve.py runs, checked by its rules") {
    StallMutation p = BuildSetPrice("pasar-tugu.s1.p2", 42000, 40000);
    REQUIRE(p.ok());
    CHECK(p.name == "set_price");
    CHECK(p.args == Json({{"product_id", "pasar-tugu.s1.p2"}, {"price_rp", 42000}, {"seen_price_rp", 40000}}));
    CHECK_FALSE(BuildSetPrice("pasar-tugu.s1.p2", 42000, std::nullopt).args.contains("seen_price_rp"));
    CHECK(BuildSetPrice("pasar-tugu.s1.p2", 0, 40000).error == StallInputError::BadPrice);
    CHECK(BuildSetPrice("pasar-tugu.s1.p2", MAX_PRICE_RP + 1, 40000).field == "args.price_rp");
    CHECK(BuildSetPrice("Pasar Tugu", 1000, 1000).error == StallInputError::BadProductId);
    CHECK(BuildSetPrice("pasar-tugu.s1.p2", 1000, 0).field == "args.seen_price_rp");

    StallMutation a = BuildSetAvailability("pasar-tugu.s1.p4", Availability::Habis);
    CHECK(a.name == "set_availability");
    CHECK(a.args == Json({{"product_id", "pasar-tugu.s1.p4"}, {"availability", "habis"}}));
    CHECK(BuildSetAvailability("pasar-tugu.s1.p4", Availability::Terbatas).args["availability"] == "terbatas");
    CHECK(BuildSetAvailability("pasar-tugu.s1.p4", Availability::Unknown).error == StallInputError::BadAvailability);

    CHECK(BuildConfirmPrices().name == "confirm_prices");
    CHECK(BuildConfirmPrices().args == Json::object());

    StallMutation h = BuildSetProductHidden("pasar-tugu.s1.p4", true);
    CHECK(h.name == "set_product_hidden");
    CHECK(h.args == Json({{"product_id", "pasar-tugu.s1.p4"}, {"hidden", true}}));

    StallMutation closed = BuildSetStallOpen(false, NOW_MS + 3600000, NOW_MS);
    CHECK(closed.name == "set_stall_open");
    CHECK(closed.args == Json({{"open", false}, {"until_ms", NOW_MS + 3600000}}));
    CHECK(BuildSetStallOpen(false, std::nullopt, NOW_MS).args == Json({{"open", false}}));
    CHECK(BuildSetStallOpen(true, std::nullopt, NOW_MS).args == Json({{"open", true}}));
    CHECK(BuildSetStallOpen(true, NOW_MS + 1000, NOW_MS).error == StallInputError::UntilWhileOpen);
    CHECK(BuildSetStallOpen(false, NOW_MS, NOW_MS).error == StallInputError::UntilNotAfterNow);
    CHECK(BuildSetStallOpen(false, NOW_MS + MAX_CLOSED_MS, NOW_MS).ok());
    CHECK(BuildSetStallOpen(false, NOW_MS + MAX_CLOSED_MS + 1, NOW_MS).error == StallInputError::UntilTooFar);
}

TEST_CASE("stall wire: add_product with the catalogue's product fields") {
    NewProduct fish;
    fish.name = "  Ikan tongkol ";
    fish.category = "ikan";
    fish.unit = BaseUnit::Kg;
    fish.steps = {{"1/2 kg", 500}, {"1 kg", 1000}};
    fish.price_rp = 36000;
    fish.availability = Availability::Terbatas;
    StallMutation m = BuildAddProduct(fish);
    REQUIRE(m.ok());
    CHECK(m.name == "add_product");
    CHECK(m.args == Json({{"name", "Ikan tongkol"}, {"category", "ikan"}, {"unit", "kg"},
                          {"steps", {{{"label", "1/2 kg"}, {"qty_milli", 500}}, {{"label", "1 kg"}, {"qty_milli", 1000}}}},
                          {"price_rp", 36000}, {"availability", "terbatas"}}));
    NewProduct bad = fish;
    bad.name = std::string(61, 'a');
    CHECK(BuildAddProduct(bad).error == StallInputError::BadName);
    bad.name = std::string(60, 'a');
    CHECK(BuildAddProduct(bad).ok());
    bad = fish;
    bad.steps.clear();
    CHECK(BuildAddProduct(bad).error == StallInputError::BadSteps);
    bad.steps.assign(9, {"1 kg", 1000});
    CHECK(BuildAddProduct(bad).error == StallInputError::BadSteps);
    bad = fish;
    bad.steps = {{"banyak", 200001}};
    CHECK(BuildAddProduct(bad).field == "args.steps[0].qty_milli");
    bad = fish;
    bad.unit = BaseUnit::Piece;
    CHECK(BuildAddProduct(bad).error == StallInputError::StepsNotWhole);
    bad = fish;
    bad.piece_name = "ekor";  // a piece name goes with pieces only
    CHECK(BuildAddProduct(bad).error == StallInputError::BadPieceName);
    bad = fish;
    bad.category = "";
    CHECK(BuildAddProduct(bad).error == StallInputError::BadCategory);
    bad = fish;
    bad.unit = BaseUnit::Unknown;
    CHECK(BuildAddProduct(bad).error == StallInputError::BadUnit);
}

TEST_CASE("stall wire: order answers: accept, ready, reject with a reason code") {
    CHECK(BuildAcceptOrder("8R4N6T2W0Z1C").args == Json({{"order_id", "8R4N6T2W0Z1C"}, {"status", "accepted"}}));
    CHECK(BuildAcceptOrder("8R4N6T2W0Z1C").name == "set_order_status");
    CHECK(BuildMarkReady("8R4N6T2W0Z1C").args == Json({{"order_id", "8R4N6T2W0Z1C"}, {"status", "ready"}}));
    CHECK(BuildAcceptOrder("8r4n").error == StallInputError::BadOrderId);
    CHECK(BuildRejectOrder("8R4N6T2W0Z1C", RejectReason::TooBusy).args ==
          Json({{"order_id", "8R4N6T2W0Z1C"}, {"status", "rejected"}, {"reason_code", "too_busy"}}));
    CHECK(BuildRejectOrder("8R4N6T2W0Z1C", RejectReason::Closing, "pulang cepat").args["reason"] == "pulang cepat");
    CHECK(BuildRejectOrder("8R4N6T2W0Z1C", RejectReason::Other).error == StallInputError::ReasonNeeded);
    CHECK(BuildRejectOrder("8R4N6T2W0Z1C", RejectReason::Other, "hujan").ok());
    CHECK(BuildRejectOrder("8R4N6T2W0Z1C", RejectReason::Unknown).error == StallInputError::BadReason);
    CHECK(BuildRejectOrder("8R4N6T2W0Z1C", RejectReason::Other, std::string(201, 'x')).error ==
          StallInputError::ReasonTooLong);
    for (RejectReason r : {RejectReason::SoldOut, RejectReason::NotEnoughStock, RejectReason::Closing,
                           RejectReason::PriceChanged, RejectReason::TooBusy, RejectReason::Other})
        CHECK(ParseRejectReason(RejectReasonName(r)) == r);
    CHECK(ParseRejectReason("bored") == RejectReason::Unknown);
}

TEST_CASE("stall wire: adjust within the server's tolerance, a stale price within its bounds, a line not available") {
    StallOrder o = OrderWithLines();
    StallMutation weighed = BuildAdjustOrder(o, {{1, 550, std::nullopt}});
    REQUIRE(weighed.ok());
    CHECK(weighed.args == Json({{"order_id", "8R4N6T2W0Z1C"}, {"status", "adjusted"},
                                {"lines", {{{"line_no", 1}, {"settled_qty_milli", 550}}}}}));
    CHECK(BuildAdjustOrder(o, {{1, 1500, std::nullopt}}).ok());  // 1.5x is the most
    CHECK(BuildAdjustOrder(o, {{1, 1501, std::nullopt}}).error == StallInputError::QuantityTooLarge);
    CHECK(BuildAdjustOrder(o, {{2, 3001, std::nullopt}}).error == StallInputError::QuantityTooLarge);  // not weighed
    CHECK(BuildAdjustOrder(o, {{2, 2500, std::nullopt}}).error == StallInputError::NotWholePieces);
    CHECK(BuildAdjustOrder(o, {{2, 2000, std::nullopt}}).ok());
    StallMutation price = BuildAdjustOrder(o, {{2, std::nullopt, 2500}});
    REQUIRE(price.ok());
    CHECK(price.args["lines"][0] == Json({{"line_no", 2}, {"price_rp", 2500}}));
    CHECK(BuildAdjustOrder(o, {{2, std::nullopt, 2600}}).error == StallInputError::PriceOutOfRange);
    CHECK(BuildAdjustOrder(o, {{2, std::nullopt, 1999}}).error == StallInputError::PriceOutOfRange);
    CHECK(BuildAdjustOrder(o, {{1, std::nullopt, 36000}}).error == StallInputError::PriceNotAdjustable);
    StallMutation unknown = BuildAdjustOrder(o, {{1, 500, std::nullopt}, {9, 0, std::nullopt}});
    CHECK(unknown.error == StallInputError::UnknownLine);
    CHECK(unknown.field == "args.lines[1].line_no");
    CHECK(BuildAdjustOrder(o, {}).error == StallInputError::NoLines);
    CHECK(BuildAdjustOrder(o, {{1, std::nullopt, std::nullopt}}).error == StallInputError::NoLines);
    // Not available: settled at 0; what to do first follows the buyer's choice.
    CHECK(StepForUnavailableLine(o.lines[0]) == UnavailableLineStep::CallBuyerFirst);
    CHECK(StepForUnavailableLine(o.lines[1]) == UnavailableLineStep::OfferSimilarByPhone);
    StallOrderLine cancel = o.lines[1];
    cancel.substitution = Substitution::CancelItem;
    CHECK(StepForUnavailableLine(cancel) == UnavailableLineStep::SettleZero);
    StallMutation gone = BuildAdjustOrder(o, {LineNotAvailable(o.lines[1])});
    REQUIRE(gone.ok());
    CHECK(gone.args["lines"][0] == Json({{"line_no", 2}, {"settled_qty_milli", 0}}));
    NewMutation n = MakeStallNewMutation(gone, "k-adjust-0001", NOW_MS);
    CHECK(n.name == "set_order_status");
    CHECK(n.key == "k-adjust-0001");
    CHECK(n.args == gone.args);
    CHECK(n.created_at_ms == NOW_MS);
}

TEST_CASE("stall wire: each change's result as codes with data") {
    StallResult moved = ReadStallResult(Rejected("price_moved", {{"product_id", "pasar-tugu.s1.p2"},
        {"current_price_rp", 42000}, {"price_date", "2026-11-29"}}, "args.seen_price_rp"));
    CHECK(moved.status == ResultStatus::Rejected);
    CHECK(moved.code == "price_moved");
    CHECK(moved.field == "args.seen_price_rp");
    CHECK(moved.current_price_rp == 42000);
    CHECK(moved.price_date == "2026-11-29");
    StallResult paused = ReadStallResult(Rejected("stall_paused", {{"paused", "missed_answers"}, {"reopen_by", "staff"}}));
    CHECK(paused.paused == "missed_answers");
    CHECK(paused.reopen_by == "staff");
    StallResult until = ReadStallResult(Rejected("invalid_until", {{"now_ms", NOW_MS}}));
    CHECK(until.now_ms == NOW_MS);
    StallResult late = ReadStallResult(Rejected("invalid_transition", {{"order_status", "cancelled"}}));
    CHECK(late.order_status == OrderStatus::Cancelled);
    MutationResult ok;
    ok.status = ResultStatus::Ok;
    ok.answer = {{"order_id", "8R4N6T2W0Z1C"}, {"order_status", "adjusted"}, {"total_rp", 24300}};
    StallResult answered = ReadStallResult(ok);
    CHECK(answered.order_status == OrderStatus::Adjusted);
    CHECK(answered.total_rp == 24300);
    CHECK_FALSE(answered.current_price_rp);
    // Wrong types are absent, not misread.
    StallResult odd = ReadStallResult(Rejected("price_moved", {{"current_price_rp", "42000"}}));
    CHECK_FALSE(odd.current_price_rp);
}

TEST_CASE("stall wire: market_reset, order_answer and account_order decode strictly; unknown ops are still kept") {
    const Json reset = {{"op", "market_reset"}, {"market_id", "pasar-tugu"}, {"catalog_version", "2026-11-29.2"},
                        {"market_url", "/data/markets/pasar-tugu.json"}};
    const Json answer = Json::parse(R"({"op":"order_answer","order_id":"8R4N6T2W0Z1C","answer_by_ms":null,"missed":false,
        "stalls":[{"stall_id":"pasar-tugu.s1","reason_code":"too_busy","answer_by_ms":1795914900000,"missed":false}]})");
    const Json future = {{"op", "coupon"}, {"coupon_id", "x"}};
    auto reply = [](Json patch) {
        return Json({{"last_mutation_id", 0}, {"cookie", 3}, {"results", Json::array()}, {"patch", patch}}).dump();
    };
    Decoded<SyncReply> ok = DecodeSyncReply(reply(Json::array({reset, answer, future})));
    REQUIRE(ok.ok);
    CHECK(ok.value.patch[0].op == PatchOp::MarketReset);
    CHECK(ok.value.patch[0].market_reset.market_url == "/data/markets/pasar-tugu.json");
    REQUIRE(ok.value.patch[1].op == PatchOp::OrderAnswer);
    const PatchOrderAnswer& a = ok.value.patch[1].order_answer;
    CHECK_FALSE(a.answer_by_ms);
    CHECK(a.stalls[0].reason_code == std::optional<std::string>("too_busy"));
    CHECK(ParseRejectReason(*a.stalls[0].reason_code) == RejectReason::TooBusy);
    CHECK(a.stalls[0].answer_by_ms == 1795914900000);
    CHECK(ok.value.patch[2].op == PatchOp::Unknown);
    CHECK(ok.value.patch[2].op_name == "coupon");
    CHECK(Json::parse(EncodeSyncReply(ok.value)) == Json::parse(reply(Json::array({reset, answer, future}))));
    CHECK(std::string(PatchOpName(PatchOp::MarketReset)) == "market_reset");
    CHECK(std::string(PatchOpName(PatchOp::OrderAnswer)) == "order_answer");
    CHECK(std::string(PatchOpName(PatchOp::AccountOrder)) == "account_order");

    Json bad = reset;
    bad["market_url"] = "//elsewhere.example/pasar-tugu.json";  // never fetch another site's catalogue
    Decoded<SyncReply> foreign = DecodeSyncReply(reply(Json::array({bad})));
    CHECK_FALSE(foreign.ok);
    CHECK(FormatDecodeError(foreign.error) == "patch[0].market_url: must be a path on this server starting with one '/'");
    bad = answer;
    bad["stalls"][0].erase("missed");
    Decoded<SyncReply> missing = DecodeSyncReply(reply(Json::array({bad})));
    CHECK_FALSE(missing.ok);
    CHECK(missing.error.path == "patch[0].stalls[0].missed");
    bad = answer;
    bad["order_id"] = "not-an-order";
    CHECK_FALSE(DecodeSyncReply(reply(Json::array({bad}))).ok);
}

TEST_CASE("stall wire: account_order decoding names the first bad field and keeps what it does not know") {
    const std::string text = R"({"order_id":"8R4N6T2W0Z1C","status":"sent","reason":null,"market_id":"pasar-tugu",
      "catalog_version":"2026-11-29.1","placed_version":2,"version":3,"placed_at_ms":1795914000000,
      "delivery":{"method":"stall","area_id":"kedaton","distance_m":2400},
      "buyer":{"name":"Bu Sari","phone":"+6281234567890","address":"Jl. Kenanga 5","landmark":""},
      "payment":"cod","needs_confirm":true,"subtotal_rp":54000,"delivery_fee_rp":8000,"total_rp":62000,
      "lines":[{"line_no":2,"product_id":"pasar-tugu.s1.p3","stall_id":"pasar-tugu.s1","name":"Ikan tongkol",
        "unit":"kg","weighed":true,"qty_milli":1500,"settled_qty_milli":null,"quoted_price_rp":34000,"price_rp":34000,
        "list_price_rp":36000,"price_stale":true,"line_total_rp":51000,"note":"","substitution":"similar",
        "status":"sent"}],
      "stalls":[{"stall_id":"pasar-tugu.s1","status":"sent","reason":null,"reason_code":null,
        "answer_by_ms":1795914900000,"missed":false}],
      "answer_by_ms":1795914900000,"missed":false,"stall_subtotal_rp":51000})";
    Decoded<StallOrder> d = DecodeStallOrder(text);
    REQUIRE(d.ok);
    const StallOrder& o = d.value;
    CHECK(o.delivery.method == DeliveryMethod::Stall);
    CHECK(o.delivery.area_id == std::optional<std::string>("kedaton"));
    CHECK(o.delivery.distance_m == 2400);
    CHECK_FALSE(o.delivery.pickup_point);
    REQUIRE(o.buyer);
    CHECK(o.buyer->address == std::optional<std::string>("Jl. Kenanga 5"));  // the stall delivers: all of it
    CHECK(o.lines[0].price_stale);
    CHECK(o.lines[0].substitution == Substitution::ReplaceSimilar);
    CHECK(o.lines[0].weighed);
    CHECK(FindStallLine(o, 2) == &o.lines[0]);
    CHECK(FindStallLine(o, 1) == nullptr);
    CHECK(FindStallPart(o, "pasar-tugu.s1")->answer_by_ms == 1795914900000);
    CHECK(FindStallPart(o, "pasar-tugu.s2") == nullptr);
    CHECK(EncodeStallOrderJson(o) == Json::parse(text));

    Json newer = Json::parse(text);  // a state and a substitution a newer server may send: kept, not fatal
    newer["status"] = "being_packed";
    newer["lines"][0]["substitution"] = "ask_neighbour";
    Decoded<StallOrder> kept = DecodeStallOrder(newer.dump());
    REQUIRE(kept.ok);
    CHECK(kept.value.status == OrderStatus::Unknown);
    CHECK(kept.value.lines[0].substitution == Substitution::Unknown);
    CHECK(EncodeStallOrderJson(kept.value)["lines"][0]["substitution"] == "ask_neighbour");

    struct Case {
        const char* json_pointer;
        Json value;
        const char* path;
    };
    const Case cases[] = {{"/lines/0/price_rp", 0, "lines[0].price_rp"},
                          {"/lines/0/unit", "ons", "lines[0].unit"},
                          {"/delivery/distance_m", "far", "delivery.distance_m"},
                          {"/answer_by_ms", -1, "answer_by_ms"},
                          {"/buyer", "Bu Sari", "buyer"},
                          {"/stalls/0/missed", nullptr, "stalls[0].missed"},
                          {"/order_id", "8r4n", "order_id"}};
    for (const Case& c : cases) {
        INFO(c.json_pointer);
        Json broken = Json::parse(text);
        broken[Json::json_pointer(c.json_pointer)] = c.value;
        Decoded<StallOrder> r = DecodeStallOrder(broken.dump());
        CHECK_FALSE(r.ok);
        CHECK(r.error.path == c.path);
    }
    Json no_buyer = Json::parse(text);
    no_buyer.erase("buyer");
    CHECK(DecodeStallOrder(no_buyer.dump()).error.path == "buyer");
}
