// The buyer slice's intents (screens of the buyer's app push them) and the buyer app's Intent: a session
// intent or a buyer intent. See app/intents.h for how intents, slices and effects fit together.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "app/session/session_intents.h"
#include "core/cart.h"
#include "core/checkout.h"
#include "core/delivery.h"

namespace pasar {

// Navigation: each pushes a history entry (a double tap does not push two).
struct OpenHome {};                                  // the market list
struct OpenMarket { std::string market_id; };
struct OpenStall { std::string stall_id; };
struct OpenProduct { std::string product_id; };
struct OpenCart {};
struct OpenCheckout {};
struct OpenOrders {};                                // My orders
struct OpenOrder { std::string order_id; };
struct OpenSettings {};
// The market page and the product page.
struct SetCategory { std::string category_id; };     // "" = all
struct ChooseStep { int64_t qty_milli = 0; };        // a sale step of the product page
struct SetSubstitution { Substitution substitution = Substitution::ContactMe; };
struct AddProduct {};
struct ReplaceCartAndAdd {};                         // the buyer agreed to empty a cart of another market
struct CancelReplace {};
// The cart.
struct CartChangeQty { size_t line_pos = 0; int steps = 0; };  // steps: +1 or -1 sale step of the product
struct CartRemoveLine { size_t line_pos = 0; };
struct SetDeliveryMethod { DeliveryMethod method = DeliveryMethod::Unknown; };
struct SetArea { std::string area_id; };             // "" = choose again
// Checkout and orders.
struct SetPayment { PaymentMethod method = PaymentMethod::Unknown; };
struct PlaceOrder {};                                // "Pesan sekarang"
struct Reorder { std::string order_id; };            // its lines back into the cart
struct CancelOrder { std::string order_id; };        // a cancel_order mutation
struct SendViaWhatsApp { std::string order_id; };    // wa.me with the order's text (server unreachable)
struct Share {};                                     // the stall or product page on screen

using BuyerIntent =
    std::variant<OpenHome, OpenMarket, OpenStall, OpenProduct, OpenCart, OpenCheckout, OpenOrders, OpenOrder,
                 OpenSettings, SetCategory, ChooseStep, SetSubstitution, AddProduct, ReplaceCartAndAdd, CancelReplace,
                 CartChangeQty, CartRemoveLine, SetDeliveryMethod, SetArea, SetPayment, PlaceOrder, Reorder,
                 CancelOrder, SendViaWhatsApp, Share>;

// The buyer app's intent: one flat variant of every session and buyer intent struct, so ApplyIntents()
// visits each intent once (a nested variant<SessionIntent, BuyerIntent> costs a second visit and a second
// set of move and destroy tables in the wasm). Built from any intent struct: `intents.push_back(OpenCart{})`.
template <class A, class B> struct JoinIntents;
template <class... A, class... B> struct JoinIntents<std::variant<A...>, std::variant<B...>> {
  using type = std::variant<A..., B...>;
};
using Intent = JoinIntents<SessionIntent, BuyerIntent>::type;
using Intents = std::vector<Intent>;

// The intent as a T, or null (tests look intents up by type).
template <class T>
const T* IntentAs(const Intent& intent) {
  return std::get_if<T>(&intent);
}

}  // namespace pasar
