// Every code core and app keep for an outcome (a quantity, a cart change, an order, a checkout field, a
// checkout problem, a notice) is said by src/ui's word table: a whole Indonesian sentence with no code
// identifier, no JSON path and no English, and an English one. Table-driven over each enum's values.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ui/words.h"

using namespace pasar;

namespace {

// The Indonesian a market trader reads: no code (snake_case), no JSON path, no English a developer wrote.
void CheckIndonesian(const std::string& id, const std::string& en) {
  INFO("id: " << id << " | en: " << en);
  CHECK_FALSE(id.empty());
  CHECK_FALSE(en.empty());
  CHECK(id != en);
  CHECK(id.find('_') == std::string::npos);
  CHECK(id.find("args.") == std::string::npos);
  CHECK(id.find('[') == std::string::npos);
  for (const char* english : {"server", "Server", "error", "Error", "must", " the ", "The ", "invalid", "unknown"}) {
    CHECK(id.find(english) == std::string::npos);
  }
}

template <typename E>
std::vector<E> ValuesBetween(E first, E last) {
  std::vector<E> values;
  for (int v = static_cast<int>(first); v <= static_cast<int>(last); ++v) values.push_back(static_cast<E>(v));
  return values;
}

QuantityProblem SampleQuantity(QuantityError error, BaseUnit unit) {
  QuantityProblem p;
  p.error = error;
  p.unit = unit;
  p.piece_name = unit == BaseUnit::Piece ? "ikat" : "";
  p.word = "karungan";
  p.limit_milli = error == QuantityError::OffStep ? 50 : MaxQtyMilli(unit);
  return p;
}

}  // namespace

// The last value of each enum below: a value added after it must be added here too.
TEST_CASE("code words: every quantity problem, in each unit") {
  for (BaseUnit unit : {BaseUnit::Kg, BaseUnit::Liter, BaseUnit::Piece}) {
    for (QuantityError e : ValuesBetween(QuantityError::Empty, QuantityError::OffStep)) {
      INFO("quantity error " << static_cast<int>(e) << " unit " << static_cast<int>(unit));
      const QuantityProblem p = SampleQuantity(e, unit);
      CheckIndonesian(QuantityProblemWords(Lang::Id, p), QuantityProblemWords(Lang::En, p));
    }
  }
  CHECK(QuantityProblemWords(Lang::Id, QuantityProblem{}).empty());
  CHECK(QuantityProblemWords(Lang::Id, SampleQuantity(QuantityError::TooLarge, BaseUnit::Kg)) ==
        "Paling banyak 200 kg per barang.");
  CHECK(QuantityProblemWords(Lang::Id, SampleQuantity(QuantityError::OffStep, BaseUnit::Kg)) ==
        "Barang ini dijual per 50 g.");
  CHECK(QuantityProblemWords(Lang::Id, SampleQuantity(QuantityError::NotWholePiece, BaseUnit::Piece)) ==
        "Harus bilangan bulat ikat.");
}

TEST_CASE("code words: every refused cart change") {
  for (CartStatus s : ValuesBetween(CartStatus::OtherMarket, CartStatus::BadSubstitution)) {
    INFO("cart status " << static_cast<int>(s));
    CartChange c;
    c.status = s;
    c.name = "Cabai rawit";
    c.quantity = SampleQuantity(QuantityError::TooLarge, BaseUnit::Kg);
    CheckIndonesian(CartProblemWords(Lang::Id, c), CartProblemWords(Lang::En, c));
  }
  for (CartStatus s : {CartStatus::Added, CartStatus::Merged, CartStatus::Updated, CartStatus::Removed}) {
    CartChange c;
    c.status = s;
    CHECK(CartProblemWords(Lang::Id, c).empty());
  }
}

TEST_CASE("code words: every order that could not be made") {
  for (OrderError e : ValuesBetween(OrderError::EmptyCart, OrderError::BadWeight)) {
    INFO("order error " << static_cast<int>(e));
    OrderResult r;
    r.error = e;
    r.line_problem.status = CartStatus::SoldOut;
    r.line_problem.name = "Cabai rawit";
    r.fee.error = FeeError::BelowMinOrder;
    r.fee.min_order_rp = 20000;
    r.fee.missing_rp = 5000;
    r.from = OrderStatus::Delivered;
    r.to = OrderStatus::Cancelled;
    r.max_milli = 2000;
    CheckIndonesian(OrderProblemWords(Lang::Id, r), OrderProblemWords(Lang::En, r));
  }
}

TEST_CASE("code words: every checkout field problem on every field, and every phone problem") {
  const char* fields[] = {"name", "phone", "address", "landmark", "area_id", "delivery_method", "payment_method"};
  for (const char* field : fields) {
    CheckIndonesian(FieldLabelWords(Lang::Id, field), FieldLabelWords(Lang::En, field));
    for (FieldProblem p : ValuesBetween(FieldProblem::Missing, FieldProblem::TooFar)) {
      INFO(field << " problem " << static_cast<int>(p));
      FieldError e{field, p, PhoneError::BadPrefix, 3};
      CheckIndonesian(FieldProblemWords(Lang::Id, e, "Pasar Tugu"), FieldProblemWords(Lang::En, e, "Pasar Tugu"));
    }
  }
  for (PhoneError p : ValuesBetween(PhoneError::Empty, PhoneError::TooLong)) {
    CheckIndonesian(PhoneProblemWords(Lang::Id, p), PhoneProblemWords(Lang::En, p));
  }
  CHECK(FieldProblemWords(Lang::Id, FieldError{"landmark", FieldProblem::TooShort, PhoneError::None, 3}, "") ==
        "Patokan terlalu pendek (paling sedikit 3 huruf).");
}

TEST_CASE("code words: every checkout problem") {
  for (CheckoutProblem p : ValuesBetween(CheckoutProblem::StoreStarting, CheckoutProblem::NotSaved)) {
    INFO("checkout problem " << static_cast<int>(p));
    CheckoutState c;
    c.problem = p;
    c.order_problem.error = OrderError::EmptyCart;
    c.outbox_limit = 200;
    CheckIndonesian(CheckoutProblemWords(Lang::Id, c), CheckoutProblemWords(Lang::En, c));
  }
  CHECK(CheckoutProblemWords(Lang::Id, CheckoutState{}).empty());
}

TEST_CASE("code words: every notice, a refused cancel in the buyer's words from its code") {
  for (NoticeCode code : ValuesBetween(NoticeCode::CartProblem, NoticeCode::StorageFailed)) {
    INFO("notice " << static_cast<int>(code));
    Notice n;
    n.code = code;
    n.cart.status = CartStatus::SoldOut;
    n.cart.name = "Cabai rawit";
    n.qty_milli = 250;
    n.added = 2;
    n.missing = 1;
    n.limit = 200;
    n.refusal_code = "not_cancellable";
    n.order_id = "041061050R3G";
    CheckIndonesian(NoticeWords(Lang::Id, n), NoticeWords(Lang::En, n));
  }
  Notice refused;
  refused.code = NoticeCode::CancelRefused;
  refused.refusal_code = "not_cancellable";
  refused.order_id = "041061050R3G";
  const std::string id = NoticeWords(Lang::Id, refused);
  CHECK(id.find(RefusalSentence(Lang::Id, "not_cancellable")) != std::string::npos);
  CHECK(id.find("not_cancellable") == std::string::npos);
  CHECK_FALSE(Notice{}.shown());
  CHECK(NoticeWords(Lang::Id, Notice{}).empty());
}
