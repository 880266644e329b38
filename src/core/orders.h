// Orders: made on the phone, sent once, then followed through honest states.
//
// IDENTITY. The phone makes the order's identity itself, from random bytes the caller supplies (the
// platform layer reads them from the browser's crypto), so an order saved offline already has a
// name: a 12-character Crockford base32 id shown as `PD-XXXX-XXXX-XXXX`, an idempotency key (32
// lowercase hex) that lets the server accept a retried send exactly once, and a secret (32 hex) that
// lets only this buyer read the order's details later.
//
// PRICES. An order copies each line's price as quoted when it was made; the server recomputes and
// may refuse, but never silently changes what the buyer agreed to. Weighed goods settle at the
// weight the vendor actually put on the scale: SettleWeighedLine takes grams, recomputes the line,
// subtotal and total, and keeps the quoted figures so the buyer sees the difference. The delivery
// fee stays as quoted.
//
// STATES.
//   saved_on_phone -> sent | cancelled
//   sent           -> accepted | adjusted | rejected | cancelled
//   accepted       -> adjusted | ready | cancelled
//   adjusted       -> accepted | ready | cancelled
//   ready          -> picked_up | on_the_way (not for pickup) | cancelled
//   picked_up      -> on_the_way | delivered (delivery methods; for pickup, picked_up is the end)
//   on_the_way     -> delivered
//   rejected, delivered, cancelled: final
// "saved_on_phone" is the truth until the server acknowledges: the app never shows success before.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/cart.h"
#include "core/checkout.h"
#include "core/delivery.h"

namespace pasar {

constexpr int64_t ORDER_FORMAT_VERSION = 1;
constexpr size_t ORDER_ID_CHARS = 12;
constexpr size_t ORDER_ID_RANDOM_BYTES = 8;   // 64 bits in, 60 used
constexpr size_t TOKEN_RANDOM_BYTES = 16;     // 128 bits -> 32 hex

enum class OrderStatus {
    Unknown, SavedOnPhone, Sent, Accepted, Adjusted, Rejected, Ready, PickedUp, OnTheWay, Delivered, Cancelled
};
const char* OrderStatusName(OrderStatus status);  // "saved_on_phone", ...
OrderStatus ParseOrderStatus(std::string_view text);
bool IsFinalStatus(OrderStatus status, DeliveryMethod method);
bool CanTransition(OrderStatus from, OrderStatus to, DeliveryMethod method);

// 12 Crockford base32 characters (0-9, A-Z without I, L, O, U) from the first 60 bits of bytes.
std::string MakeOrderId(const std::array<uint8_t, ORDER_ID_RANDOM_BYTES>& bytes);
std::string MakeHexToken(const std::array<uint8_t, TOKEN_RANDOM_BYTES>& bytes);  // 32 lowercase hex
std::string FormatOrderIdForDisplay(std::string_view order_id);  // "PD-XXXX-XXXX-XXXX"
// Reads what a buyer or vendor types: "pd-abcd-efgh-jkmn", spaces, i/l for 1, o for 0. Empty if invalid.
std::string ParseOrderIdInput(std::string_view text);
bool IsValidOrderId(std::string_view id);
bool IsValidHexToken(std::string_view token);

struct OrderIdentity {
    std::string id;
    std::string idempotency_key;
    std::string secret;
};
OrderIdentity MakeOrderIdentity(const std::array<uint8_t, ORDER_ID_RANDOM_BYTES>& id_bytes,
                                const std::array<uint8_t, TOKEN_RANDOM_BYTES>& key_bytes,
                                const std::array<uint8_t, TOKEN_RANDOM_BYTES>& secret_bytes);

struct OrderLine {
    std::string product_id;
    std::string stall_id;
    std::string name;            // as shown when ordered
    BaseUnit unit = BaseUnit::Unknown;
    std::string piece_name;
    int64_t price_rp = 0;        // quoted per base unit
    int64_t qty_milli = 0;       // ordered
    bool weighed = false;
    int64_t actual_qty_milli = 0;  // after weighing; 0 = not settled yet
    int64_t line_total_rp = 0;     // at the actual quantity when settled, else ordered
    std::string note;
    Substitution substitution = Substitution::ContactMe;
};

struct Order {
    std::string id;
    std::string idempotency_key;
    std::string secret;
    std::string market_id;
    std::string catalog_version;
    int64_t created_at_ms = 0;   // caller's clock, for display only; never used for ordering
    std::string buyer_name;
    std::string buyer_phone;     // normalised +628...
    std::string address;
    std::string landmark;
    std::string area_id;         // empty for pickup
    DeliveryMethod delivery_method = DeliveryMethod::Unknown;
    PaymentMethod payment_method = PaymentMethod::Unknown;
    int64_t distance_m = 0;
    ScheduleKind schedule = ScheduleKind::Now;
    int handle_weekday = 0;      // day the market handles it, 0 = Sunday
    int handle_start_min = 0;
    std::vector<OrderLine> lines;
    int64_t quoted_subtotal_rp = 0;
    int64_t subtotal_rp = 0;
    int64_t delivery_fee_rp = 0;
    int64_t quoted_total_rp = 0;
    int64_t total_rp = 0;
    OrderStatus status = OrderStatus::SavedOnPhone;
    std::string status_reason;   // why rejected, adjusted or cancelled
};

enum class OrderError {
    None, EmptyCart, WrongMarket, Checkout, UnavailableLine, Fee, BadIdentity, Overflow,
    BadTransition, NotWeighed, NoSuchLine, BadWeight,
};

struct OrderResult {
    OrderError error = OrderError::None;
    // The data src/ui's word table (OrderProblemWords) says it from:
    CartChange line_problem;               // UnavailableLine: the line's status (SoldOut, StallClosed, ...,
                                           // BadQuantity) with its name or quantity; NotWeighed: the line's name
    OrderStatus from = OrderStatus::Unknown;  // BadTransition: the order's status ...
    OrderStatus to = OrderStatus::Unknown;    // ... and the one asked for (Unknown: settling a weight)
    int64_t max_milli = 0;                 // BadWeight: the most the weight may be (grams as thousandths of a kg)
    std::vector<FieldError> field_errors;  // for OrderError::Checkout
    FeeQuote fee;                          // for OrderError::Fee: the fee's outcome, said by the UI
    size_t line_pos = 0;                   // for line errors
    bool ok() const { return error == OrderError::None; }
};

struct OrderInput {
    const Cart* cart = nullptr;
    const MarketInfo* market = nullptr;
    const MarketFile* market_file = nullptr;
    const CheckoutForm* form = nullptr;
    OrderIdentity identity;
    std::string catalog_version;
    int64_t created_at_ms = 0;
    int now_min = 0;   // minutes since midnight WIB
    int weekday = 0;   // 0 = Sunday
};

// Validates everything (checkout form, every line, fee) and fills *out. On error *out is untouched.
OrderResult BuildOrder(const OrderInput& input, Order* out);

OrderResult ChangeOrderStatus(Order* order, OrderStatus to, std::string_view reason);
// actual_grams: what the scale showed. Only for weighed kg lines, 1 g .. 2x the ordered weight.
OrderResult SettleWeighedLine(Order* order, size_t line_pos, int64_t actual_grams);
// Recomputes line totals, subtotal and total; false on overflow. Used after settling and by decode.
bool RecomputeOrderTotals(Order* order);
int64_t OrderDifferenceRp(const Order& order);  // total - quoted total (negative: buyer pays less)

std::string EncodeOrder(const Order& order);
Json EncodeOrderJson(const Order& order);  // the object EncodeOrder writes
// The `place_order` mutation's args as serve.py reads them (README, wire format): lines carry the quoted
// price per base unit and the substitution in wire words (similar / cancel / contact), `quoted` the totals
// the buyer saw.
Json EncodePlaceOrderArgs(const Order& order);
const char* WireSubstitutionName(Substitution s);  // "similar", "cancel", "contact"
Decoded<Order> DecodeOrder(std::string_view text);

}  // namespace pasar
