// The stall's view of an order: what the stall app shows in "Pesanan masuk" and what its answers are
// checked against. It is the `account_order` patch entry (README, "Sync wire format": the fields of an
// order in `GET /api/vendor/orders`), decoded whole so that encoding it again gives the same JSON.
//
// A stall's token gets only its own lines and its own part (`stalls[]` holds one entry), and `buyer`
// holds only what the stall may see: name and phone for `pickup`, everything when the stall delivers
// itself (`stall`), nothing (`null`) when the cooperative's courier or an ojek delivers. The app shows the
// buyer exactly when `buyer` is present; it never asks for more.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/cart.h"
#include "core/catalog.h"
#include "core/decode.h"
#include "core/delivery.h"
#include "core/orders.h"
#include "core/units.h"

namespace pasar {

// Why a stall rejects its part (`set_order_status` `reason_code`, server/orders.py REJECT_REASONS). The
// app words each one; `Other` needs a reason text.
enum class RejectReason { Unknown, SoldOut, NotEnoughStock, Closing, PriceChanged, TooBusy, Other };
const char* RejectReasonName(RejectReason reason);  // "sold_out", "not_enough_stock", ...
RejectReason ParseRejectReason(std::string_view text);

// "similar", "cancel", "contact" on the wire; Unknown for anything else.
Substitution ParseWireSubstitution(std::string_view text);

struct StallOrderLine {
    int64_t line_no = 0;
    std::string product_id;
    std::string stall_id;
    std::string name;
    BaseUnit unit = BaseUnit::Unknown;
    bool weighed = false;
    int64_t qty_milli = 0;
    std::optional<int64_t> settled_qty_milli;  // null until weighed or adjusted
    int64_t quoted_price_rp = 0;               // the price the buyer saw
    int64_t price_rp = 0;                      // the price the line is charged at now
    int64_t list_price_rp = 0;                 // the stall's price list when the order was placed
    bool price_stale = false;                  // quoted from an older list: the stall may adjust the price
    int64_t line_total_rp = 0;
    std::string note;                          // the buyer's note ("potong 8"), may be empty
    Substitution substitution = Substitution::Unknown;
    std::string substitution_name;             // as sent, kept for a value this build does not know
    OrderStatus status = OrderStatus::Unknown; // the stall part's status
};

struct StallOrderPart {
    std::string stall_id;
    OrderStatus status = OrderStatus::Unknown;
    std::optional<std::string> reason;
    std::optional<std::string> reason_code;    // null unless rejected; see ParseRejectReason
    std::optional<int64_t> answer_by_ms;       // this part's deadline
    bool missed = false;                       // the deadline passed while the part was still `sent`
    RejectReason reject_reason() const { return reason_code ? ParseRejectReason(*reason_code) : RejectReason::Unknown; }
};

struct StallOrderDelivery {
    DeliveryMethod method = DeliveryMethod::Unknown;
    std::string method_name;                   // as sent
    std::optional<std::string> area_id;
    std::optional<int64_t> distance_m;
    std::optional<std::string> pickup_point;   // sent (maybe null) for pickup only
};

struct StallOrderBuyer {  // each field only when the account may see it
    std::optional<std::string> name;
    std::optional<std::string> phone;
    std::optional<std::string> address;
    std::optional<std::string> landmark;
};

struct StallOrder {
    std::string order_id;
    OrderStatus status = OrderStatus::Unknown;
    std::optional<std::string> reason;
    std::string market_id;
    std::string catalog_version;
    int64_t placed_version = 0;
    int64_t version = 0;                       // the change version of this state; newer replaces older
    int64_t placed_at_ms = 0;                  // the server's clock
    // The market day the server gave the order ("2026-11-29", WIB: after the cut-off it is the next one);
    // empty when the server sent none.
    std::string market_day;
    // What staff must look at ("old_rules", "not_picked_up", "not_delivered"), kept by name; has_flags says
    // whether the entry carried the field (a stall's entry may not), so the entry round-trips.
    std::vector<std::string> flags;
    bool has_flags = false;
    StallOrderDelivery delivery;
    std::optional<StallOrderBuyer> buyer;      // null: the stall does not reach the buyer itself
    std::string payment;                       // "cod", "qris", "transfer"
    bool needs_confirm = false;
    int64_t subtotal_rp = 0;
    int64_t delivery_fee_rp = 0;
    int64_t total_rp = 0;
    std::vector<StallOrderLine> lines;
    std::vector<StallOrderPart> stalls;
    std::optional<int64_t> answer_by_ms;       // while the order is `sent`: the latest open deadline
    bool missed = false;
    std::optional<int64_t> stall_subtotal_rp; // a stall's token only: the sum of its lines
};

// The entry's fields after "op" (the op itself is not read). Strict on ids, money, quantities and
// states' shape; tolerant of states, units and substitutions this build does not know (kept by name).
bool DecodeStallOrderJson(const Json& value, const std::string& path, StallOrder* out, DecodeError* error);
// The same object back, without "op".
Json EncodeStallOrderJson(const StallOrder& order);
Decoded<StallOrder> DecodeStallOrder(std::string_view text);

// This stall's part, or null when the order holds none for it.
const StallOrderPart* FindStallPart(const StallOrder& order, std::string_view stall_id);
const StallOrderLine* FindStallLine(const StallOrder& order, int64_t line_no);

}  // namespace pasar
