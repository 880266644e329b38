#include <catch2/catch.hpp>

#include "core/checkout.h"
#include "fixtures.h"

using namespace pasar;

TEST_CASE("checkout: phone numbers match the shared fixture") {
    nlohmann::json doc = pasar_test::ReadFixtureJson("core/phones.json");
    REQUIRE(doc.is_object());
    REQUIRE(doc["cases"].size() >= 20);
    for (const auto& c : doc["cases"]) {
        std::string input = c["input"].get<std::string>();
        INFO("input: '" << input << "'");
        PhoneResult phone = NormalizePhone(input);
        if (c.contains("expect_normalized")) {
            CHECK(phone.ok());
            CHECK(phone.normalized == c["expect_normalized"].get<std::string>());
        } else {
            CHECK(std::string(PhoneErrorCode(phone.error)) == c["expect_error"].get<std::string>());
            CHECK_FALSE(phone.ok());
        }
    }
}

TEST_CASE("checkout: a landline number is refused as a code (its words are src/ui's)") {
    PhoneResult phone = NormalizePhone("021 555 1234");
    CHECK(phone.error == PhoneError::BadPrefix);
    CHECK(phone.normalized.empty());
}

TEST_CASE("checkout: WhatsApp link has no plus and encodes the text") {
    CHECK(MakeWhatsAppLink("+6281234567890", "Pesanan PD-1234 siap, Rp12.500?") ==
          "https://wa.me/6281234567890?text=Pesanan%20PD-1234%20siap%2C%20Rp12.500%3F");
    CHECK(MakeWhatsAppLink("+6281234567890", "") == "https://wa.me/6281234567890");
}

static MarketInfo TestMarket() {
    MarketInfo m;
    m.id = "pasar-uji";
    m.name = "Pasar Uji";
    m.delivery.methods = {{DeliveryMethod::Pickup, {FeeRuleKind::Flat, 0, 0, 0, 0, {}}},
                          {DeliveryMethod::Ojek, {FeeRuleKind::Flat, 8000, 0, 0, 0, {}}}};
    m.delivery.max_distance_m = 5000;
    m.area_distance_m = {{"kedaton", 3200}, {"panjang", 12500}};
    return m;
}

static CheckoutForm GoodForm() {
    CheckoutForm f;
    f.name = "Siti Aminah";
    f.phone = "0812-3456-7890";
    f.address = "Jl. Pisang No. 5, RT 02/RW 01, Kel. Pasir Gintung";
    f.landmark = "depan masjid Al-Ikhlas";
    f.area_id = "kedaton";
    f.delivery_method = DeliveryMethod::Ojek;
    f.payment_method = PaymentMethod::Cod;
    return f;
}

static const FieldError* FindField(const CheckoutCheck& check, const std::string& field) {
    for (const FieldError& e : check.errors)
        if (e.field == field) return &e;
    return nullptr;
}

TEST_CASE("checkout: a complete form passes and carries the normalised phone and distance") {
    CheckoutCheck check = ValidateCheckout(GoodForm(), TestMarket());
    CHECK(check.ok());
    CHECK(check.phone_normalized == "+6281234567890");
    CHECK(check.distance_m == 3200);
}

TEST_CASE("checkout: every bad field is named, in both languages") {
    CheckoutForm f;
    f.name = " ";
    f.phone = "12345";
    f.address = "jl";
    f.landmark = "";
    f.area_id = "";
    f.delivery_method = DeliveryMethod::Ojek;
    f.payment_method = PaymentMethod::Unknown;
    CheckoutCheck check = ValidateCheckout(f, TestMarket());
    CHECK_FALSE(check.ok());
    for (const char* field : {"name", "phone", "address", "landmark", "area_id", "payment_method"}) {
        INFO(field);
        const FieldError* e = FindField(check, field);
        REQUIRE(e != nullptr);
        CHECK(e->problem != FieldProblem::None);
    }
    const FieldError* phone = FindField(check, "phone");
    CHECK(phone->problem == FieldProblem::BadPhone);
    CHECK(phone->phone == PhoneError::BadPrefix);
    CHECK(FindField(check, "landmark")->problem == FieldProblem::Missing);
}

TEST_CASE("checkout: delivery area must be served and near enough") {
    CheckoutForm f = GoodForm();
    f.area_id = "panjang";  // 12,5 km, over the 5 km limit
    REQUIRE(FindField(ValidateCheckout(f, TestMarket()), "area_id") != nullptr);
    CHECK(FindField(ValidateCheckout(f, TestMarket()), "area_id")->problem == FieldProblem::TooFar);
    f.area_id = "metro";  // not served at all
    CHECK(FindField(ValidateCheckout(f, TestMarket()), "area_id")->problem == FieldProblem::NotServed);
}

TEST_CASE("checkout: pickup needs no address, area or landmark") {
    CheckoutForm f = GoodForm();
    f.delivery_method = DeliveryMethod::Pickup;
    f.address = "";
    f.landmark = "";
    f.area_id = "";
    CHECK(ValidateCheckout(f, TestMarket()).ok());
}

TEST_CASE("checkout: method the market does not offer") {
    CheckoutForm f = GoodForm();
    f.delivery_method = DeliveryMethod::CoopCourier;
    CheckoutCheck check = ValidateCheckout(f, TestMarket());
    REQUIRE(FindField(check, "delivery_method") != nullptr);
    CHECK(FindField(check, "delivery_method")->problem == FieldProblem::NotOffered);
}

TEST_CASE("checkout: payment methods cod, qris, transfer") {
    CHECK(ParsePaymentMethod("cod") == PaymentMethod::Cod);
    CHECK(ParsePaymentMethod("qris") == PaymentMethod::Qris);
    CHECK(ParsePaymentMethod("transfer") == PaymentMethod::Transfer);
    CHECK(ParsePaymentMethod("kartu") == PaymentMethod::Unknown);
    for (PaymentMethod m : {PaymentMethod::Cod, PaymentMethod::Qris, PaymentMethod::Transfer})
        CHECK(ParsePaymentMethod(PaymentMethodName(m)) == m);
}

TEST_CASE("checkout: names with invalid bytes or control characters are refused") {
    CheckoutForm f = GoodForm();
    f.name = std::string("Siti\x01");
    CHECK(FindField(ValidateCheckout(f, TestMarket()), "name") != nullptr);
    f.name = std::string("Siti \xC3");  // cut UTF-8
    CHECK(FindField(ValidateCheckout(f, TestMarket()), "name") != nullptr);
    f.name = "Siti Ñurhaliza";
    CHECK(ValidateCheckout(f, TestMarket()).ok());
}
