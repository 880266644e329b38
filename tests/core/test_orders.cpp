#include <catch2/catch.hpp>

#include "core/orders.h"

using namespace pasar;

namespace {

struct Fixture {
    MarketInfo info;
    MarketFile file;
    Cart cart;
    CheckoutForm form;
    OrderInput input;

    Fixture() {
        info.id = "pasar-gudang-lelang";
        info.name = "Pasar Gudang Lelang";
        info.hours = {4 * 60, 13 * 60, 10 * 60};
        FeeRule per_km;
        per_km.kind = FeeRuleKind::MinPlusPerKm;
        per_km.min_fee_rp = 8000;
        per_km.min_distance_m = 4000;
        per_km.per_km_rp = 2000;
        info.delivery.methods = {{DeliveryMethod::Pickup, {FeeRuleKind::Flat, 0, 0, 0, 0, {}}},
                                 {DeliveryMethod::CoopCourier, per_km}};
        info.delivery.max_distance_m = 12000;
        info.delivery.min_order_rp = 20000;
        info.area_distance_m = {{"tb-selatan", 5500}};
        file.market_id = info.id;
        Stall stall{"pasar-gudang-lelang.s1", "Lapak Ikan 21", "ikan", "Pintu depan", "", "", {}};
        Product tongkol;
        tongkol.id = "pasar-gudang-lelang.s1.p1";
        tongkol.name = "Ikan tongkol";
        tongkol.unit = BaseUnit::Kg;
        tongkol.price_rp = 30000;
        tongkol.steps = MakeDefaultSteps(BaseUnit::Kg, "");
        tongkol.weighed = true;
        tongkol.free_qty = true;
        tongkol.availability = Availability::Tersedia;
        Product tahu = tongkol;
        tahu.id = "pasar-gudang-lelang.s1.p2";
        tahu.name = "Tahu putih";
        tahu.unit = BaseUnit::Piece;
        tahu.piece_name = "biji";
        tahu.price_rp = 700;
        tahu.steps = MakeDefaultSteps(BaseUnit::Piece, "biji");
        tahu.weighed = false;
        stall.products = {tongkol, tahu};
        file.stalls = {stall};
        AddToCart(&cart, file, "pasar-gudang-lelang.s1.p1", 1500, "dibersihkan", Substitution::ContactMe);
        AddToCart(&cart, file, "pasar-gudang-lelang.s1.p2", 10000, "", Substitution::CancelItem);
        form.name = "Rina";
        form.phone = "0812 7777 1234";
        form.address = "Jl. Ikan Tenggiri No. 8, RT 03";
        form.landmark = "samping warung biru";
        form.area_id = "tb-selatan";
        form.delivery_method = DeliveryMethod::CoopCourier;
        form.payment_method = PaymentMethod::Qris;
        input.cart = &cart;
        input.market = &info;
        input.market_file = &file;
        input.form = &form;
        input.identity = MakeOrderIdentity({1, 2, 3, 4, 5, 6, 7, 8}, {}, {255, 0, 17});
        input.catalog_version = "2026-11-29.1";
        input.created_at_ms = 1796000000000;
        input.now_min = 8 * 60;
        input.weekday = 1;
    }
};

}  // namespace

TEST_CASE("orders: ids are Crockford base32 from the caller's random bytes") {
    // 0x0102030405060708 >> 4 in 12 groups of 5 bits; expected value from an independent Python
    // computation (alphabet 0-9 A-Z without I L O U).
    CHECK(MakeOrderId({1, 2, 3, 4, 5, 6, 7, 8}) == "041061050R3G");
    CHECK(MakeOrderId({0, 0, 0, 0, 0, 0, 0, 0}) == "000000000000");
    CHECK(MakeOrderId({255, 255, 255, 255, 255, 255, 255, 255}) == "ZZZZZZZZZZZZ");
    CHECK(FormatOrderIdForDisplay("041061050R3G") == "PD-0410-6105-0R3G");
    CHECK(ParseOrderIdInput("pd-0410-6105-0r3g") == "041061050R3G");
    CHECK(ParseOrderIdInput("PD O41O 61O5 OR3G") == "041061050R3G");  // O read as 0
    CHECK(ParseOrderIdInput("041061050R3") == "");
    CHECK(ParseOrderIdInput("041061050R3U") == "");  // U is not Crockford
    CHECK(MakeHexToken({0xAB, 0x01}) == "ab010000000000000000000000000000");
    CHECK(IsValidHexToken(MakeHexToken({})));
    CHECK_FALSE(IsValidHexToken("AB010000000000000000000000000000"));
}

TEST_CASE("orders: building an order quotes prices, fee and schedule") {
    Fixture f;
    Order order;
    OrderResult r = BuildOrder(f.input, &order);
    INFO(static_cast<int>(r.error));
    REQUIRE(r.ok());
    CHECK(order.id == "041061050R3G");
    CHECK(order.buyer_phone == "+6281277771234");
    REQUIRE(order.lines.size() == 2);
    CHECK(order.lines[0].price_rp == 30000);
    CHECK(order.lines[0].line_total_rp == 45000);
    CHECK(order.lines[1].line_total_rp == 7000);
    CHECK(order.subtotal_rp == 52000);
    CHECK(order.delivery_fee_rp == 12000);  // 5,5 km: Rp8.000 + 2 started km past 4 km x Rp2.000
    CHECK(order.total_rp == 64000);
    CHECK(order.quoted_total_rp == 64000);
    CHECK(order.status == OrderStatus::SavedOnPhone);
    CHECK(order.schedule == ScheduleKind::Now);

    f.input.now_min = 11 * 60;  // after the 10:00 cut-off
    REQUIRE(BuildOrder(f.input, &order).ok());
    CHECK(order.schedule == ScheduleKind::NextDay);
    CHECK(order.handle_weekday == 2);
}

TEST_CASE("orders: checkout problems and unavailable lines stop the order") {
    Fixture f;
    Order order;
    f.form.phone = "12345";
    OrderResult r = BuildOrder(f.input, &order);
    CHECK(r.error == OrderError::Checkout);
    REQUIRE_FALSE(r.field_errors.empty());
    CHECK(r.field_errors[0].field == "phone");
    f.form.phone = "081277771234";
    f.file.stalls[0].products[1].availability = Availability::Habis;
    r = BuildOrder(f.input, &order);
    CHECK(r.error == OrderError::UnavailableLine);
    CHECK(r.line_pos == 1);
    CHECK(order.id.empty());  // untouched
    f.file.stalls[0].products[1].availability = Availability::Tersedia;
    f.cart.lines[1].qty_milli = 100;  // Rp70 of tofu... and under the minimum order
    f.cart.lines[0].qty_milli = 100;
    r = BuildOrder(f.input, &order);
    CHECK(r.error == OrderError::UnavailableLine);  // 0,1 biji is not a whole piece
    f.cart.lines[1].qty_milli = 1000;
    r = BuildOrder(f.input, &order);
    CHECK(r.error == OrderError::Fee);
    CHECK(r.fee.error == FeeError::BelowMinOrder);  // a code with its numbers; the UI says it
    CHECK(r.fee.min_order_rp == 20000);
    CHECK(r.fee.missing_rp > 0);
    CHECK(r.line_problem.name.empty());
}

TEST_CASE("orders: the status machine refuses impossible transitions") {
    CHECK(CanTransition(OrderStatus::SavedOnPhone, OrderStatus::Sent, DeliveryMethod::Ojek));
    CHECK_FALSE(CanTransition(OrderStatus::SavedOnPhone, OrderStatus::Accepted, DeliveryMethod::Ojek));
    CHECK_FALSE(CanTransition(OrderStatus::Sent, OrderStatus::Delivered, DeliveryMethod::Ojek));
    CHECK_FALSE(CanTransition(OrderStatus::Delivered, OrderStatus::Cancelled, DeliveryMethod::Ojek));
    CHECK_FALSE(CanTransition(OrderStatus::Rejected, OrderStatus::Accepted, DeliveryMethod::Ojek));
    CHECK_FALSE(CanTransition(OrderStatus::Ready, OrderStatus::OnTheWay, DeliveryMethod::Pickup));
    CHECK(CanTransition(OrderStatus::Ready, OrderStatus::PickedUp, DeliveryMethod::Pickup));
    CHECK(IsFinalStatus(OrderStatus::PickedUp, DeliveryMethod::Pickup));
    CHECK_FALSE(IsFinalStatus(OrderStatus::PickedUp, DeliveryMethod::CoopCourier));
    CHECK_FALSE(CanTransition(OrderStatus::OnTheWay, OrderStatus::Cancelled, DeliveryMethod::Ojek));
    CHECK_FALSE(CanTransition(OrderStatus::Accepted, OrderStatus::Accepted, DeliveryMethod::Ojek));

    Fixture f;
    Order order;
    REQUIRE(BuildOrder(f.input, &order).ok());
    const OrderStatus path[] = {OrderStatus::Sent, OrderStatus::Accepted, OrderStatus::Ready, OrderStatus::PickedUp,
                                OrderStatus::OnTheWay, OrderStatus::Delivered};
    for (OrderStatus s : path) CHECK(ChangeOrderStatus(&order, s, "").ok());
    OrderResult late = ChangeOrderStatus(&order, OrderStatus::Cancelled, "berubah pikiran");
    CHECK(late.error == OrderError::BadTransition);
    CHECK(late.from == OrderStatus::Delivered);
    CHECK(late.to == OrderStatus::Cancelled);
    CHECK(order.status == OrderStatus::Delivered);
}

TEST_CASE("orders: weighed items settle at the actual weight and the buyer sees the difference") {
    Fixture f;
    Order order;
    REQUIRE(BuildOrder(f.input, &order).ok());
    CHECK(SettleWeighedLine(&order, 0, 1400).error == OrderError::BadTransition);  // not sent yet
    REQUIRE(ChangeOrderStatus(&order, OrderStatus::Sent, "").ok());
    REQUIRE(ChangeOrderStatus(&order, OrderStatus::Accepted, "").ok());
    CHECK(SettleWeighedLine(&order, 1, 900).error == OrderError::NotWeighed);  // tofu is counted
    CHECK(SettleWeighedLine(&order, 0, 0).error == OrderError::BadWeight);
    CHECK(SettleWeighedLine(&order, 0, 3001).error == OrderError::BadWeight);
    REQUIRE(SettleWeighedLine(&order, 0, 1437).ok());  // the scale showed 1,437 kg
    CHECK(order.lines[0].actual_qty_milli == 1437);
    CHECK(order.lines[0].line_total_rp == 43110);
    CHECK(order.subtotal_rp == 50110);
    CHECK(order.total_rp == 62110);
    CHECK(order.quoted_total_rp == 64000);
    CHECK(OrderDifferenceRp(order) == -1890);
    CHECK(order.delivery_fee_rp == 12000);  // fee stays as quoted
}

TEST_CASE("orders: JSON round-trip and arithmetic checks") {
    Fixture f;
    Order order;
    REQUIRE(BuildOrder(f.input, &order).ok());
    REQUIRE(ChangeOrderStatus(&order, OrderStatus::Sent, "").ok());
    REQUIRE(ChangeOrderStatus(&order, OrderStatus::Adjusted, "tongkol ditimbang").ok());
    REQUIRE(SettleWeighedLine(&order, 0, 1600).ok());
    std::string text = EncodeOrder(order);
    Decoded<Order> decoded = DecodeOrder(text);
    INFO(FormatDecodeError(decoded.error));
    REQUIRE(decoded.ok);
    CHECK(EncodeOrder(decoded.value) == text);
    CHECK(decoded.value.status == OrderStatus::Adjusted);
    CHECK(decoded.value.lines[0].actual_qty_milli == 1600);

    nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    doc["total_rp"] = 1;
    CHECK(FormatDecodeError(DecodeOrder(doc.dump()).error) == "total_rp: must be 67000 (sum of the lines and the fee)");
    doc = nlohmann::json::parse(text, nullptr, false);
    doc["lines"][1]["line_total_rp"] = 6999;
    CHECK(FormatDecodeError(DecodeOrder(doc.dump()).error) ==
          "lines[1].line_total_rp: must be 7000 (price_rp x quantity / 1000)");
    doc = nlohmann::json::parse(text, nullptr, false);
    doc["id"] = "PD-0410-6105-0R3G";
    CHECK(FormatDecodeError(DecodeOrder(doc.dump()).error) == "id: must be 12 Crockford base32 characters");
    doc = nlohmann::json::parse(text, nullptr, false);
    doc["status"] = "lost";
    CHECK(FormatDecodeError(DecodeOrder(doc.dump()).error) == "status: unknown status 'lost'");
    doc = nlohmann::json::parse(text, nullptr, false);
    doc["buyer"]["phone"] = "0812 7777 1234";
    CHECK(FormatDecodeError(DecodeOrder(doc.dump()).error) == "buyer.phone: must be a normalised mobile number +628...");
    doc = nlohmann::json::parse(text, nullptr, false);
    doc["lines"][1]["actual_qty_milli"] = 900;
    CHECK(FormatDecodeError(DecodeOrder(doc.dump()).error) == "lines[1].actual_qty_milli: is only for weighed kg lines");
}
