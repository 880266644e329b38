#include "core/orders.h"

#include "core/money.h"

namespace pasar {

namespace {

struct StatusName {
    OrderStatus status;
    const char* name;
};
const StatusName STATUS_NAMES[] = {
    {OrderStatus::SavedOnPhone, "saved_on_phone"}, {OrderStatus::Sent, "sent"},
    {OrderStatus::Accepted, "accepted"},           {OrderStatus::Adjusted, "adjusted"},
    {OrderStatus::Rejected, "rejected"},           {OrderStatus::Ready, "ready"},
    {OrderStatus::PickedUp, "picked_up"},          {OrderStatus::OnTheWay, "on_the_way"},
    {OrderStatus::Delivered, "delivered"},         {OrderStatus::Cancelled, "cancelled"},
};

const char CROCKFORD[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

OrderResult OrderFailed(OrderError error, size_t line_pos = 0) {
    OrderResult result;
    result.error = error;
    result.line_pos = line_pos;
    return result;
}

OrderResult LineFailed(OrderError error, CartStatus status, std::string name, size_t line_pos) {
    OrderResult result = OrderFailed(error, line_pos);
    result.line_problem.status = status;
    result.line_problem.name = std::move(name);
    result.line_problem.line_pos = line_pos;
    return result;
}

}  // namespace

const char* OrderStatusName(OrderStatus status) {
    for (const StatusName& s : STATUS_NAMES)
        if (s.status == status) return s.name;
    return "unknown";
}

OrderStatus ParseOrderStatus(std::string_view text) {
    for (const StatusName& s : STATUS_NAMES)
        if (text == s.name) return s.status;
    return OrderStatus::Unknown;
}

bool IsFinalStatus(OrderStatus status, DeliveryMethod method) {
    return status == OrderStatus::Rejected || status == OrderStatus::Delivered || status == OrderStatus::Cancelled ||
           (status == OrderStatus::PickedUp && method == DeliveryMethod::Pickup);
}

bool CanTransition(OrderStatus from, OrderStatus to, DeliveryMethod method) {
    using S = OrderStatus;
    bool delivered = method != DeliveryMethod::Pickup;
    switch (from) {
        case S::SavedOnPhone: return to == S::Sent || to == S::Cancelled;
        case S::Sent: return to == S::Accepted || to == S::Adjusted || to == S::Rejected || to == S::Cancelled;
        case S::Accepted: return to == S::Adjusted || to == S::Ready || to == S::Cancelled;
        case S::Adjusted: return to == S::Accepted || to == S::Ready || to == S::Cancelled;
        case S::Ready: return to == S::PickedUp || to == S::Cancelled || (delivered && to == S::OnTheWay);
        case S::PickedUp: return delivered && (to == S::OnTheWay || to == S::Delivered);
        case S::OnTheWay: return to == S::Delivered;
        default: return false;
    }
}

std::string MakeOrderId(const std::array<uint8_t, ORDER_ID_RANDOM_BYTES>& bytes) {
    uint64_t bits = 0;
    for (uint8_t b : bytes) bits = (bits << 8) | b;
    bits >>= 4;  // keep the top 60 bits: 12 characters of 5 bits
    std::string id(ORDER_ID_CHARS, '0');
    for (size_t i = ORDER_ID_CHARS; i-- > 0;) {
        id[i] = CROCKFORD[bits & 31];
        bits >>= 5;
    }
    return id;
}

std::string MakeHexToken(const std::array<uint8_t, TOKEN_RANDOM_BYTES>& bytes) {
    static const char HEX[] = "0123456789abcdef";
    std::string out;
    for (uint8_t b : bytes) {
        out += HEX[b >> 4];
        out += HEX[b & 15];
    }
    return out;
}

OrderIdentity MakeOrderIdentity(const std::array<uint8_t, ORDER_ID_RANDOM_BYTES>& id_bytes,
                                const std::array<uint8_t, TOKEN_RANDOM_BYTES>& key_bytes,
                                const std::array<uint8_t, TOKEN_RANDOM_BYTES>& secret_bytes) {
    return {MakeOrderId(id_bytes), MakeHexToken(key_bytes), MakeHexToken(secret_bytes)};
}

bool IsValidOrderId(std::string_view id) {
    if (id.size() != ORDER_ID_CHARS) return false;
    for (char c : id)
        if (std::string_view(CROCKFORD).find(c) == std::string_view::npos) return false;
    return true;
}

bool IsValidHexToken(std::string_view token) {
    if (token.size() != 2 * TOKEN_RANDOM_BYTES) return false;
    for (char c : token)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

std::string FormatOrderIdForDisplay(std::string_view order_id) {
    std::string out = "PD";
    for (size_t i = 0; i < order_id.size(); ++i) {
        if (i % 4 == 0) out += '-';
        out += order_id[i];
    }
    return out;
}

std::string ParseOrderIdInput(std::string_view text) {
    std::string id;
    size_t i = 0;
    while (i < text.size() && text[i] == ' ') ++i;
    if (i + 1 < text.size() && (text[i] == 'P' || text[i] == 'p') && (text[i + 1] == 'D' || text[i + 1] == 'd'))
        i += 2;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c == '-' || c == ' ') continue;
        if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
        if (c == 'I' || c == 'L') c = '1';  // Crockford: read-alikes
        if (c == 'O') c = '0';
        if (std::string_view(CROCKFORD).find(c) == std::string_view::npos || c == 0) return "";
        id += c;
        if (id.size() > ORDER_ID_CHARS) return "";
    }
    return id.size() == ORDER_ID_CHARS ? id : "";
}

bool RecomputeOrderTotals(Order* order) {
    int64_t subtotal = 0, quoted = 0;
    for (OrderLine& line : order->lines) {
        int64_t quoted_line = 0, line_total = 0;
        int64_t qty = line.actual_qty_milli > 0 ? line.actual_qty_milli : line.qty_milli;
        if (!ComputeLineTotalRp(line.price_rp, line.qty_milli, &quoted_line) ||
            !ComputeLineTotalRp(line.price_rp, qty, &line_total) ||
            __builtin_add_overflow(quoted, quoted_line, &quoted) ||
            __builtin_add_overflow(subtotal, line_total, &subtotal))
            return false;
        line.line_total_rp = line_total;
    }
    order->quoted_subtotal_rp = quoted;
    order->subtotal_rp = subtotal;
    return !__builtin_add_overflow(quoted, order->delivery_fee_rp, &order->quoted_total_rp) &&
           !__builtin_add_overflow(subtotal, order->delivery_fee_rp, &order->total_rp);
}

int64_t OrderDifferenceRp(const Order& order) { return order.total_rp - order.quoted_total_rp; }

OrderResult BuildOrder(const OrderInput& input, Order* out) {
    const Cart& cart = *input.cart;
    const MarketInfo& market = *input.market;
    const MarketFile& file = *input.market_file;
    if (cart.lines.empty()) return OrderFailed(OrderError::EmptyCart);
    if (cart.market_id != market.id || file.market_id != market.id)
        return OrderFailed(OrderError::WrongMarket);
    if (!IsValidOrderId(input.identity.id) || !IsValidHexToken(input.identity.idempotency_key) ||
        !IsValidHexToken(input.identity.secret))
        return OrderFailed(OrderError::BadIdentity);
    CheckoutCheck check = ValidateCheckout(*input.form, market);
    if (!check.ok()) {
        OrderResult result = OrderFailed(OrderError::Checkout);
        result.field_errors = check.errors;
        return result;
    }
    Order order;
    order.id = input.identity.id;
    order.idempotency_key = input.identity.idempotency_key;
    order.secret = input.identity.secret;
    order.market_id = market.id;
    order.catalog_version = input.catalog_version;
    order.created_at_ms = input.created_at_ms;
    order.buyer_name = TrimSpaces(input.form->name);
    order.buyer_phone = check.phone_normalized;
    order.address = TrimSpaces(input.form->address);
    order.landmark = TrimSpaces(input.form->landmark);
    order.delivery_method = input.form->delivery_method;
    order.payment_method = input.form->payment_method;
    if (order.delivery_method != DeliveryMethod::Pickup) {
        order.area_id = input.form->area_id;
        order.distance_m = check.distance_m;
    }
    for (size_t i = 0; i < cart.lines.size(); ++i) {
        const CartLine& c = cart.lines[i];
        std::optional<ProductRef> ref = FindProduct(file, c.product_id);
        if (!ref)
            return LineFailed(OrderError::UnavailableLine, CartStatus::UnknownProduct, "", i);
        const Product& p = *ref->product;
        if (ref->stall->closed)
            return LineFailed(OrderError::UnavailableLine, CartStatus::StallClosed, ref->stall->name, i);
        if (p.availability == Availability::Habis)
            return LineFailed(OrderError::UnavailableLine, CartStatus::SoldOut, p.name, i);
        QuantityProblem q = CheckLineQuantity(p, c.qty_milli);
        if (!q.ok()) {
            OrderResult result = LineFailed(OrderError::UnavailableLine, CartStatus::BadQuantity, p.name, i);
            result.line_problem.quantity = q;
            return result;
        }
        OrderLine line;
        line.product_id = p.id;
        line.stall_id = ref->stall->id;
        line.name = p.name;
        line.unit = p.unit;
        line.piece_name = p.piece_name;
        line.price_rp = p.price_rp;
        line.qty_milli = c.qty_milli;
        line.weighed = p.weighed;
        line.note = c.note;
        line.substitution = c.substitution;
        order.lines.push_back(std::move(line));
    }
    if (!RecomputeOrderTotals(&order))
        return OrderFailed(OrderError::Overflow);
    FeeQuote fee = ComputeDeliveryFee(market.delivery, order.delivery_method, order.distance_m, order.subtotal_rp);
    if (!fee.ok()) {
        OrderResult result = OrderFailed(OrderError::Fee);
        result.fee = fee;
        return result;
    }
    order.delivery_fee_rp = fee.fee_rp;
    if (!RecomputeOrderTotals(&order))
        return OrderFailed(OrderError::Overflow);
    OrderSchedule schedule = ScheduleOrder(market.hours, input.now_min, input.weekday);
    order.schedule = schedule.kind;
    order.handle_weekday = schedule.weekday;
    order.handle_start_min = schedule.start_min;
    order.status = OrderStatus::SavedOnPhone;
    *out = std::move(order);
    return OrderResult{};
}

OrderResult ChangeOrderStatus(Order* order, OrderStatus to, std::string_view reason) {
    if (!CanTransition(order->status, to, order->delivery_method)) {
        OrderResult result = OrderFailed(OrderError::BadTransition);
        result.from = order->status;
        result.to = to;
        return result;
    }
    order->status = to;
    order->status_reason = TrimSpaces(reason);
    return OrderResult{};
}

OrderResult SettleWeighedLine(Order* order, size_t line_pos, int64_t actual_grams) {
    if (line_pos >= order->lines.size())
        return OrderFailed(OrderError::NoSuchLine);
    if (order->status != OrderStatus::Sent && order->status != OrderStatus::Accepted &&
        order->status != OrderStatus::Adjusted) {
        OrderResult result = OrderFailed(OrderError::BadTransition, line_pos);
        result.from = order->status;
        return result;
    }
    OrderLine& line = order->lines[line_pos];
    if (!line.weighed || line.unit != BaseUnit::Kg)
        return LineFailed(OrderError::NotWeighed, CartStatus::Updated, line.name, line_pos);
    if (actual_grams <= 0 || actual_grams > 2 * line.qty_milli) {
        OrderResult result = OrderFailed(OrderError::BadWeight, line_pos);
        result.max_milli = 2 * line.qty_milli;
        return result;
    }
    Order updated = *order;
    updated.lines[line_pos].actual_qty_milli = actual_grams;  // 1 g = 1 thousandth of a kg
    if (!RecomputeOrderTotals(&updated))
        return OrderFailed(OrderError::Overflow, line_pos);
    *order = std::move(updated);
    return OrderResult{};
}

}  // namespace pasar
